package io.github.cmlr.data;

import io.github.cmlr.model.NodeStats;
import java.util.Arrays;

/**
 * Streams rows into per-node sufficient statistics n_j, G_j = X_j^T X_j, s_j = X_j^T y_j,
 * q_j = y_j^T y_j. Rows of a node need not be contiguous. Memory grows with the number of nodes
 * (8 * (d*d + d + 2) bytes each), never with the number of rows. Each entry of G_j is the sum
 * of x_r * x_c over the node's rows in file order, so it equals a plain in-memory accumulation.
 */
final class NodeStatsSink implements RowSink {
    private final int d;
    private double[] counts = new double[256];
    private double[] gram;
    private double[] xty;
    private double[] yty = new double[256];
    private int nodes;

    NodeStatsSink(int dim) {
        this.d = dim;
        this.gram = new double[256 * dim * dim];
        this.xty = new double[256 * dim];
    }

    @Override
    public void accept(int node, double y, double[] x) {
        if (node >= counts.length) grow(node + 1);
        if (node >= nodes) nodes = node + 1;
        counts[node] += 1;
        yty[node] += y * y;
        int g = node * d * d;
        int s = node * d;
        for (int r = 0; r < d; r++) {
            double xr = x[r];
            int row = g + r * d;
            for (int c = r; c < d; c++) gram[row + c] += xr * x[c]; // upper triangle; mirrored at the end
            xty[s + r] += xr * y;
        }
    }

    private void grow(int needed) {
        int cap = Math.max(needed, counts.length + (counts.length >> 1));
        counts = Arrays.copyOf(counts, cap);
        yty = Arrays.copyOf(yty, cap);
        gram = Arrays.copyOf(gram, Math.multiplyExact(cap, d * d));
        xty = Arrays.copyOf(xty, cap * d);
    }

    /** The statistics of every node seen, trimmed, with G_j made fully symmetric. */
    NodeStats finish(String[] ids) {
        int m = nodes;
        double[] g = Arrays.copyOf(gram, m * d * d);
        for (int j = 0; j < m; j++) {
            int base = j * d * d;
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < r; c++) g[base + r * d + c] = g[base + c * d + r];
            }
        }
        gram = null;
        return new NodeStats(d, Arrays.copyOf(counts, m), g, Arrays.copyOf(xty, m * d), Arrays.copyOf(yty, m), ids);
    }
}
