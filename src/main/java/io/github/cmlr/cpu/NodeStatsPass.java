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

    /**
     * Writes node j's slice of counts, gram, xty, yty. Rows are taken four at a time so each
     * entry of the upper triangle of G_j is loaded and stored once per four rows; the lower
     * triangle is mirrored at the end.
     */
    private static void accumulateNode(Dataset data, int j, double[] counts, double[] gram, double[] xty,
                                       double[] yty) {
        int d = data.dim();
        double[] x = data.x();
        double[] y = data.y();
        int gOff = j * d * d;
        int sOff = j * d;
        int row = data.nodeOffset(j);
        int end = data.nodeOffset(j + 1);
        double q = 0;
        for (; row + 4 <= end; row += 4) {
            int a = row * d;
            int b = a + d;
            int c = b + d;
            int e = c + d;
            double y0 = y[row];
            double y1 = y[row + 1];
            double y2 = y[row + 2];
            double y3 = y[row + 3];
            q += y0 * y0 + y1 * y1 + y2 * y2 + y3 * y3;
            for (int r = 0; r < d; r++) {
                double x0 = x[a + r];
                double x1 = x[b + r];
                double x2 = x[c + r];
                double x3 = x[e + r];
                xty[sOff + r] += y0 * x0 + y1 * x1 + y2 * x2 + y3 * x3;
                int base = gOff + r * d;
                for (int k = r; k < d; k++) {
                    gram[base + k] += x0 * x[a + k] + x1 * x[b + k] + x2 * x[c + k] + x3 * x[e + k];
                }
            }
        }
        for (; row < end; row++) {
            int a = row * d;
            double yi = y[row];
            q += yi * yi;
            for (int r = 0; r < d; r++) {
                double xr = x[a + r];
                xty[sOff + r] += yi * xr;
                int base = gOff + r * d;
                for (int k = r; k < d; k++) gram[base + k] += xr * x[a + k];
            }
        }
        Dense.mirrorUpper(gram, gOff, d);
        counts[j] = data.nodeSize(j);
        yty[j] = q;
    }
}
