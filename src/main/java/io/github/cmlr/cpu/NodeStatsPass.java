package io.github.cmlr.cpu;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
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
        double[] counts = new double[m];
        double[] gram = new double[m * d * d];
        double[] xty = new double[m * d];
        double[] yty = new double[m];
        Parallel.forEachBlock(m, threads, (j0, j1) -> {
            for (int j = j0; j < j1; j++) accumulateNode(data, j, counts, gram, xty, yty);
        });
        String[] ids = null;
        if (data.hasNodeIds()) {
            ids = new String[m];
            for (int j = 0; j < m; j++) ids[j] = data.nodeId(j);
        }
        return new NodeStats(d, counts, gram, xty, yty, ids);
    }

    /** Writes node j's slice of counts, gram (upper triangle accumulated, then mirrored), xty, yty. */
    private static void accumulateNode(Dataset data, int j, double[] counts, double[] gram, double[] xty,
                                       double[] yty) {
        int d = data.dim();
        double[] x = data.x();
        double[] y = data.y();
        int gOff = j * d * d;
        int sOff = j * d;
        double q = 0;
        for (int row = data.nodeOffset(j); row < data.nodeOffset(j + 1); row++) {
            int xOff = row * d;
            double yi = y[row];
            q += yi * yi;
            for (int r = 0; r < d; r++) {
                double xr = x[xOff + r];
                xty[sOff + r] += yi * xr;
                int base = gOff + r * d;
                for (int c = r; c < d; c++) gram[base + c] += xr * x[xOff + c];
            }
        }
        Dense.mirrorUpper(gram, gOff, d);
        counts[j] = data.nodeSize(j);
        yty[j] = q;
    }
}
