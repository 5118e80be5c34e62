package io.github.cmlr.gpu;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;

/**
 * Node statistics as the device holds them, in the two forms of {@link NodeStats}: nodes that
 * keep G_j as stacked rows [G | s | q | n | 1] (d^2 + d + 3 numbers), nodes that keep their rows
 * (n_j < d) as one packed row matrix x (row-major), y, with per-node row offsets and each row's
 * unit (n_j (d + 2) + 1 numbers). On the device the units are the stacked nodes first, then the
 * row nodes, each group in node order; {@link #order()} maps a device unit to its node. Host
 * arrays only, so the layout is tested without a device.
 */
final class NodeLayout {
    private final int dim;
    private final int stackedNodes;
    private final double[] stacked;
    private final double[] x;
    private final double[] y;
    private final int[] offsets;
    private final int[] rowUnit;
    private final int[] order;
    private final int rows;

    private NodeLayout(int dim, int stackedNodes, double[] stacked, double[] x, double[] y, int[] offsets, int[] rowUnit,
                       int[] order, int rows) {
        this.dim = dim;
        this.stackedNodes = stackedNodes;
        this.stacked = stacked;
        this.x = x;
        this.y = y;
        this.offsets = offsets;
        this.rowUnit = rowUnit;
        this.order = order;
        this.rows = rows;
    }

    /** The device layout of s: each node in the form it has there ({@link NodeStats#holdsRows}). */
    static NodeLayout of(NodeStats s) {
        int m = s.nodes();
        int d = s.dim();
        int g = 0;
        long rows = 0;
        for (int j = 0; j < m; j++) {
            if (s.holdsRows(j)) rows += s.rowsHeld(j);
            else g++;
        }
        if (rows > Integer.MAX_VALUE / Math.max(1, d)) throw new IllegalArgumentException(rows + " kept rows do not fit one buffer");
        int w = Kernels.stackedWidth(d);
        double[] stacked = new double[Math.multiplyExact(g, w)];
        double[] x = new double[(int) rows * d];
        double[] y = new double[(int) rows];
        int[] offsets = new int[m - g + 1];
        int[] rowUnit = new int[(int) rows];
        int[] order = new int[m];
        int gu = 0;
        int ru = 0;
        for (int j = 0; j < m; j++) {
            if (!s.holdsRows(j)) {
                order[gu] = j;
                stackRow(s, j, stacked, gu * w);
                gu++;
                continue;
            }
            int n = s.rowsHeld(j);
            int r0 = offsets[ru];
            int at = s.momentsOffset(j);
            System.arraycopy(s.moments(j), at, x, r0 * d, n * d);
            System.arraycopy(s.moments(j), at + n * d, y, r0, n);
            java.util.Arrays.fill(rowUnit, r0, r0 + n, g + ru);
            order[g + ru] = j;
            offsets[++ru] = r0 + n;
        }
        return new NodeLayout(d, g, stacked, x, y, offsets, rowUnit, order, (int) rows);
    }

    /** Node j's stacked row [G | s | q | n | 1] at out[off ..]. */
    private static void stackRow(NodeStats s, int j, double[] out, int off) {
        int d = s.dim();
        int dd = d * d;
        s.gram(j, out, off);
        System.arraycopy(s.xty(), j * d, out, off + dd, d);
        out[off + dd + d] = s.yty()[j];
        out[off + dd + d + 1] = s.counts()[j];
        out[off + dd + d + 2] = 1.0;
    }

    /**
     * m nodes all stacked, in node order, whose stacked rows are already on the device (the
     * benchmark's pipeline builds them there): the host arrays of the stacked rows stay empty.
     */
    static NodeLayout allStacked(int m, int d) {
        int[] order = new int[m];
        for (int j = 0; j < m; j++) order[j] = j;
        return new NodeLayout(d, m, new double[0], new double[0], new double[0], new int[] {0}, new int[0], order, 0);
    }

    /**
     * m nodes of n rows each that keep them (n &lt; d), in node order, whose rows are already on
     * the device (the benchmark's pipeline generates them there): x and y stay empty here.
     */
    static NodeLayout allRows(int m, int n, int d) {
        if (!NodeStats.keepsRows(n, d)) throw new IllegalArgumentException("nodes of " + n + " rows keep G_j for d = " + d);
        long rows = (long) m * n;
        if (rows > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(rows + " kept rows do not fit one index array");
        int[] offsets = Dataset.equalOffsets(m, n);
        int[] rowUnit = new int[(int) rows];
        for (int j = 0; j < m; j++) java.util.Arrays.fill(rowUnit, j * n, (j + 1) * n, j);
        int[] order = new int[m];
        for (int j = 0; j < m; j++) order[j] = j;
        return new NodeLayout(d, 0, new double[0], new double[0], new double[0], offsets, rowUnit, order, (int) rows);
    }

    /**
     * Statistics from stacked rows of all nodes (as the device's statistics kernels write them),
     * each node in its {@link NodeStats} form: a node that keeps its rows takes them from data.
     */
    static NodeStats unstack(double[] rows, Dataset data) {
        int m = data.nodes();
        int d = data.dim();
        int dd = d * d;
        int w = Kernels.stackedWidth(d);
        double[] counts = new double[m];
        double[][] moments = new double[m][];
        double[] xty = new double[m * d];
        double[] yty = new double[m];
        String[] ids = data.hasNodeIds() ? new String[m] : null;
        for (int j = 0; j < m; j++) {
            int n = data.nodeSize(j);
            counts[j] = n;
            if (NodeStats.keepsRows(n, d)) {
                int r0 = data.nodeOffset(j);
                double[] xy = java.util.Arrays.copyOfRange(data.x(), r0 * d, r0 * d + n * (d + 1));
                System.arraycopy(data.y(), r0, xy, n * d, n);
                moments[j] = xy;
            } else {
                moments[j] = java.util.Arrays.copyOfRange(rows, j * w, j * w + dd);
            }
            System.arraycopy(rows, j * w + dd, xty, j * d, d);
            yty[j] = rows[j * w + dd + d];
            if (ids != null) ids[j] = data.nodeId(j);
        }
        return new NodeStats(d, counts, moments, xty, yty, ids);
    }

    /** out[order[u] k + c] = device[u k + c]: per-unit values (k per unit) from device to node order. */
    static void toNodeOrder(double[] device, int[] order, int k, double[] out) {
        for (int u = 0; u < order.length; u++) System.arraycopy(device, u * k, out, order[u] * k, k);
    }

    /** out[u k + c] = node[order[u] k + c]: the inverse of {@link #toNodeOrder}. */
    static void toDeviceOrder(double[] node, int[] order, int k, double[] out) {
        for (int u = 0; u < order.length; u++) System.arraycopy(node, order[u] * k, out, u * k, k);
    }

    int dim() { return dim; }

    int units() { return order.length; }

    /** Nodes stacked as [G | s | q | n | 1]: device units [0, stackedNodes). */
    int stackedNodes() { return stackedNodes; }

    /** Nodes that keep their rows: device units [stackedNodes, units). */
    int rowNodes() { return order.length - stackedNodes; }

    /** Rows kept in all (the length of {@link #y()} unless the rows are on the device already). */
    int rows() { return rows; }

    double[] stacked() { return stacked; }

    double[] x() { return x; }

    double[] y() { return y; }

    /** Row node r (device unit stackedNodes + r) has rows [offsets[r], offsets[r + 1]). */
    int[] offsets() { return offsets; }

    /** The device unit of each kept row. */
    int[] rowUnit() { return rowUnit; }

    /** Device unit to node. */
    int[] order() { return order; }

    /** Whether device order is node order (no permutation needed). */
    boolean inNodeOrder() {
        for (int u = 0; u < order.length; u++) if (order[u] != u) return false;
        return true;
    }

    /** Numbers the device holds for the nodes' statistics (stacked rows, kept rows, offsets, row units). */
    long deviceNumbers() {
        return (long) stackedNodes * Kernels.stackedWidth(dim) + (long) rows * (dim + 2) + offsets.length;
    }
}
