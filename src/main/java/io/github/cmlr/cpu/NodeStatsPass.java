package io.github.cmlr.cpu;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.linalg.GramAccumulator;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Parallel;

/**
 * The statistics pass: n_j, G_j = X_j^T X_j, s_j = X_j^T y_j, q_j = y_j^T y_j for every node in
 * one pass over the rows. Nodes are independent, so the result does not depend on the thread
 * count; within a node rows are added in order.
 */
final class NodeStatsPass {
    private NodeStatsPass() {}

    static NodeStats nodeStats(Dataset data, int threads) {
        int m = data.nodes();
        int d = data.dim();
        if ((long) m * d * d > Integer.MAX_VALUE - 16) {
            throw new CmlrException(ExitCode.USAGE, m + " nodes with " + d + " features: the per-node statistics ("
                    + (long) m * d * d + " numbers) exceed one Java array (2^31 doubles)");
        }
        double[] counts = new double[m];
        double[] gram = new double[m * d * d];
        double[] xty = new double[m * d];
        double[] yty = new double[m];
        Parallel.forEachBlock(m, threads, (j0, j1) -> {
            GramAccumulator acc = new GramAccumulator(d);
            for (int j = j0; j < j1; j++) accumulateNode(data, j, acc, counts, gram, xty, yty);
        });
        String[] ids = null;
        if (data.hasNodeIds()) {
            ids = new String[m];
            for (int j = 0; j < m; j++) ids[j] = data.nodeId(j);
        }
        return new NodeStats(d, counts, gram, xty, yty, ids);
    }

    /**
     * Writes node j's slice of counts, gram, xty, yty: rows added four at a time in order, the
     * last one to three singly ({@link GramAccumulator}), the lower triangle mirrored at the end.
     */
    private static void accumulateNode(Dataset data, int j, GramAccumulator acc, double[] counts, double[] gram,
                                       double[] xty, double[] yty) {
        int d = data.dim();
        double[] x = data.x();
        double[] y = data.y();
        acc.reset();
        for (int row = data.nodeOffset(j); row < data.nodeOffset(j + 1); row++) acc.add(1.0, y[row], x, row * d);
        acc.finish();
        yty[j] = acc.store(gram, j * d * d, xty, j * d);
        Dense.mirrorUpper(gram, j * d * d, d);
        counts[j] = data.nodeSize(j);
    }
}
