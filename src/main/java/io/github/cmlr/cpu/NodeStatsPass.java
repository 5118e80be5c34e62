package io.github.cmlr.cpu;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.linalg.GramAccumulator;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MomentSlabs;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Parallel;

/**
 * The statistics pass: n_j, G_j = X_j^T X_j (or, for a node with fewer rows than features, a copy
 * of its rows: {@link NodeStats#keepsRows}), s_j = X_j^T y_j, q_j = y_j^T y_j for every node in
 * one pass over the rows. Nodes are independent, so the result does not depend on the thread
 * count; within a node rows are added in order.
 */
final class NodeStatsPass {
    private NodeStatsPass() {}

    static NodeStats nodeStats(Dataset data, int threads) {
        int m = data.nodes();
        int d = data.dim();
        double[] counts = new double[m];
        double[][] moments = new double[m][];
        int[] at = placeRows(data, counts, moments);
        double[] xty = new double[m * d];
        double[] yty = new double[m];
        Parallel.forEachBlock(m, threads, (j0, j1) -> {
            GramAccumulator acc = null;
            for (int j = j0; j < j1; j++) {
                if (at[j] >= 0) {
                    keepRows(data, j, moments[j], at[j], xty, yty);
                    continue;
                }
                if (acc == null) acc = new GramAccumulator(requireGramFits(d));
                moments[j] = new double[d * d];
                accumulateNode(data, j, acc, moments[j], xty, yty);
            }
        });
        String[] ids = null;
        if (data.hasNodeIds()) {
            ids = new String[m];
            for (int j = 0; j < m; j++) ids[j] = data.nodeId(j);
        }
        return new NodeStats(d, counts, moments, at, xty, yty, ids);
    }

    /**
     * n_j of every node, and for those that keep their rows a place in shared arrays
     * ({@link MomentSlabs}, in node order); returns where each starts (-1: the node keeps G_j).
     */
    private static int[] placeRows(Dataset data, double[] counts, double[][] moments) {
        int m = data.nodes();
        int d = data.dim();
        int[] at = new int[m];
        for (int j = 0; j < m; j++) counts[j] = data.nodeSize(j);
        MomentSlabs slabs = MomentSlabs.forNodes(counts, m, d);
        for (int j = 0; j < m; j++) {
            at[j] = slabs.placeNode(counts[j]);
            if (at[j] >= 0) moments[j] = slabs.array();
        }
        return at;
    }

    /** d, when one d x d G_j fits a Java array. */
    static int requireGramFits(int d) {
        if ((long) d * d > Integer.MAX_VALUE - 16) {
            throw new CmlrException(ExitCode.USAGE, d + " features: one node's X^T X (" + (long) d * d
                    + " numbers) exceeds one Java array (2^31 doubles)");
        }
        return d;
    }

    /** Node j has fewer rows than features: it keeps a copy of them at xy[at], and s_j, q_j row by row. */
    private static void keepRows(Dataset data, int j, double[] xy, int at, double[] xty, double[] yty) {
        int d = data.dim();
        int r0 = data.nodeOffset(j);
        int n = data.nodeSize(j);
        System.arraycopy(data.x(), r0 * d, xy, at, n * d);
        System.arraycopy(data.y(), r0, xy, at + n * d, n);
        yty[j] = GramAccumulator.xtyOfRows(xy, at, n, d, xty, j * d);
    }

    /**
     * Writes node j's G_j (to g), s_j and q_j: rows added four at a time in order, the last one to
     * three singly ({@link GramAccumulator}), the lower triangle mirrored at the end.
     */
    private static void accumulateNode(Dataset data, int j, GramAccumulator acc, double[] g, double[] xty,
                                       double[] yty) {
        int d = data.dim();
        double[] x = data.x();
        double[] y = data.y();
        acc.reset();
        for (int row = data.nodeOffset(j); row < data.nodeOffset(j + 1); row++) acc.add(1.0, y[row], x, row * d);
        acc.finish();
        yty[j] = acc.store(g, 0, xty, j * d);
        Dense.mirrorUpper(g, 0, d);
    }
}
