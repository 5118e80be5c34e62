package io.github.cmlr.data;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.Arrays;

/**
 * Streams rows into per-node sufficient statistics n_j, G_j = X_j^T X_j, s_j = X_j^T y_j,
 * q_j = y_j^T y_j. Rows of a node need not be contiguous. Memory grows with the number of nodes,
 * never with the number of rows: per node the statistics (8 * (d*d + d + 2) bytes) and up to
 * three pending rows (8 * 3 * (d + 1) bytes).
 *
 * <p>The rows of each node are added four at a time, in file order, with exactly the
 * expressions of the CPU backend's statistics pass ({@code cpu.NodeStatsPass}), and the last
 * one to three rows singly; so the streamed statistics are bitwise those of the in-memory
 * dataset, and streaming and in-memory fits give identical results.
 */
final class NodeStatsSink implements RowSink {
    private static final int GROUP = 4;

    private final int d;
    private double[] counts = new double[256];
    private double[] gram;
    private double[] xty;
    private double[] yty = new double[256];
    private double[] pendingX;
    private double[] pendingY = new double[256 * (GROUP - 1)];
    private byte[] pending = new byte[256];
    private int nodes;

    NodeStatsSink(int dim) {
        this.d = dim;
        this.gram = new double[256 * dim * dim];
        this.xty = new double[256 * dim];
        this.pendingX = new double[256 * (GROUP - 1) * dim];
    }

    @Override
    public void accept(int node, double y, double[] x) {
        if (node >= counts.length) grow(node + 1);
        if (node >= nodes) nodes = node + 1;
        counts[node] += 1;
        int p = pending[node];
        if (p < GROUP - 1) {
            int slot = node * (GROUP - 1) + p;
            System.arraycopy(x, 0, pendingX, slot * d, d);
            pendingY[slot] = y;
            pending[node] = (byte) (p + 1);
            return;
        }
        addFour(node, y, x);
        pending[node] = 0;
    }

    /** Adds the node's three pending rows and (y, x) as its next four rows. */
    private void addFour(int node, double y3, double[] x3) {
        double[] px = pendingX;
        int a = node * (GROUP - 1) * d;
        int b = a + d;
        int c = b + d;
        double y0 = pendingY[node * (GROUP - 1)];
        double y1 = pendingY[node * (GROUP - 1) + 1];
        double y2 = pendingY[node * (GROUP - 1) + 2];
        yty[node] += y0 * y0 + y1 * y1 + y2 * y2 + y3 * y3;
        int gOff = node * d * d;
        int sOff = node * d;
        for (int r = 0; r < d; r++) {
            double x0 = px[a + r];
            double x1 = px[b + r];
            double x2 = px[c + r];
            double xr3 = x3[r];
            xty[sOff + r] += y0 * x0 + y1 * x1 + y2 * x2 + y3 * xr3;
            int base = gOff + r * d;
            for (int k = r; k < d; k++) {
                gram[base + k] += x0 * px[a + k] + x1 * px[b + k] + x2 * px[c + k] + xr3 * x3[k];
            }
        }
    }

    /** Adds one row (the last one to three rows of a node). */
    private void addOne(int node, double y, double[] x, int xOff) {
        yty[node] += y * y;
        int gOff = node * d * d;
        int sOff = node * d;
        for (int r = 0; r < d; r++) {
            double xr = x[xOff + r];
            xty[sOff + r] += y * xr;
            int base = gOff + r * d;
            for (int k = r; k < d; k++) gram[base + k] += xr * x[xOff + k];
        }
    }

    private void grow(int needed) {
        long limit = (Integer.MAX_VALUE - 16) / ((long) d * d);
        if (needed > limit) {
            throw new CmlrException(ExitCode.USAGE, "more than " + limit + " nodes with " + d
                    + " features: the per-node statistics exceed one Java array (2^31 doubles)");
        }
        int cap = (int) Math.min(limit, Math.max(needed, counts.length + (counts.length >> 1)));
        counts = Arrays.copyOf(counts, cap);
        yty = Arrays.copyOf(yty, cap);
        gram = Arrays.copyOf(gram, cap * d * d);
        xty = Arrays.copyOf(xty, cap * d);
        pendingX = Arrays.copyOf(pendingX, cap * (GROUP - 1) * d);
        pendingY = Arrays.copyOf(pendingY, cap * (GROUP - 1));
        pending = Arrays.copyOf(pending, cap);
    }

    /** The statistics of every node seen, trimmed, with pending rows added and G_j made fully symmetric. */
    NodeStats finish(String[] ids) {
        int m = nodes;
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < pending[j]; i++) {
                int slot = j * (GROUP - 1) + i;
                addOne(j, pendingY[slot], pendingX, slot * d);
            }
            pending[j] = 0;
        }
        pendingX = null;
        double[] g = Arrays.copyOf(gram, m * d * d);
        gram = null;
        for (int j = 0; j < m; j++) Dense.mirrorUpper(g, j * d * d, d);
        return new NodeStats(d, Arrays.copyOf(counts, m), g, Arrays.copyOf(xty, m * d), Arrays.copyOf(yty, m), ids);
    }
}
