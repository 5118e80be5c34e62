package io.github.cmlr.data;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.linalg.GramAccumulator;
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
 * <p>The node being read is held open in a {@link GramAccumulator}, which adds its rows four at
 * a time in file order; when another node's row comes, the open node's statistics and its
 * pending (fewer than four) rows are put back. The last one to three rows of a node are added
 * singly at the end. This is exactly the grouping of the CPU backend's statistics pass
 * ({@code cpu.NodeStatsPass}), so the streamed statistics are bitwise those of the in-memory
 * dataset, and streaming and in-memory fits give identical results.
 */
final class NodeStatsSink implements RowSink {
    private static final int PENDING = 3;
    private static final int FIRST_CAPACITY = 64;
    /** The first arrays hold at most this many doubles of G_j (32 MB), so wide data allocate little before the checks. */
    private static final long FIRST_GRAM_DOUBLES = 1L << 22;

    private final int d;
    private final GramAccumulator open;
    private int openNode = -1;
    private double[] counts;
    private double[] gram;
    private double[] xty;
    private double[] yty;
    private double[] pendingX;
    private double[] pendingY;
    private byte[] pending;
    private int nodes;

    NodeStatsSink(int dim) {
        this.d = dim;
        long byBudget = Math.max(1, FIRST_GRAM_DOUBLES / ((long) dim * dim));
        int cap = (int) Math.min(Math.min(FIRST_CAPACITY, maxNodes(dim)), byBudget);
        this.open = new GramAccumulator(dim);
        this.counts = new double[cap];
        this.yty = new double[cap];
        this.gram = new double[cap * dim * dim];
        this.xty = new double[cap * dim];
        this.pendingX = new double[cap * PENDING * dim];
        this.pendingY = new double[cap * PENDING];
        this.pending = new byte[cap];
    }

    /**
     * The most nodes whose statistics fit Java arrays (2^31 - 17 doubles for the G_j); refuses,
     * before anything is allocated, a d whose single G_j does not fit.
     */
    static long maxNodes(int dim) {
        long perNode = (long) dim * dim;
        long max = (Integer.MAX_VALUE - 16) / Math.max(perNode, (long) PENDING * dim);
        if (max < 1) {
            throw new CmlrException(ExitCode.USAGE, dim + " features: one node's X^T X (" + perNode
                    + " numbers) exceeds one Java array (2^31 doubles)");
        }
        return max;
    }

    @Override
    public void accept(int node, double y, double[] x) {
        if (node != openNode) switchTo(node);
        counts[node] += 1;
        open.add(1.0, y, x, 0);
    }

    /** Puts the open node back and opens this one, with its pending rows. */
    private void switchTo(int node) {
        close();
        if (node >= counts.length) grow(node + 1);
        if (node >= nodes) nodes = node + 1;
        open.load(gram, node * d * d, xty, node * d, yty[node]);
        int slot = node * PENDING;
        for (int i = 0; i < pending[node]; i++) open.add(1.0, pendingY[slot + i], pendingX, (slot + i) * d);
        openNode = node;
    }

    private void close() {
        if (openNode < 0) return;
        int node = openNode;
        yty[node] = open.store(gram, node * d * d, xty, node * d);
        int slot = node * PENDING;
        for (int i = 0; i < open.buffered(); i++) pendingY[slot + i] = open.bufferedRow(i, pendingX, (slot + i) * d);
        pending[node] = (byte) open.buffered();
        open.dropBuffered();
        openNode = -1;
    }

    private void grow(int needed) {
        long limit = maxNodes(d);
        if (needed > limit) {
            throw new CmlrException(ExitCode.USAGE, "more than " + limit + " nodes with " + d
                    + " features: the per-node statistics exceed one Java array (2^31 doubles)");
        }
        int cap = (int) Math.min(limit, Math.max(needed, counts.length + (long) (counts.length >> 1)));
        counts = Arrays.copyOf(counts, cap);
        yty = Arrays.copyOf(yty, cap);
        gram = Arrays.copyOf(gram, cap * d * d);
        xty = Arrays.copyOf(xty, cap * d);
        pendingX = Arrays.copyOf(pendingX, cap * PENDING * d);
        pendingY = Arrays.copyOf(pendingY, cap * PENDING);
        pending = Arrays.copyOf(pending, cap);
    }

    /** The statistics of every node seen, trimmed, with pending rows added and G_j made fully symmetric. */
    NodeStats finish(String[] ids) {
        close();
        int m = nodes;
        for (int j = 0; j < m; j++) {
            if (pending[j] == 0) continue;
            open.load(gram, j * d * d, xty, j * d, yty[j]);
            for (int i = 0; i < pending[j]; i++) open.add(1.0, pendingY[j * PENDING + i], pendingX, (j * PENDING + i) * d);
            open.finish();
            yty[j] = open.store(gram, j * d * d, xty, j * d);
            pending[j] = 0;
        }
        pendingX = null;
        double[] g = gram.length == m * d * d ? gram : Arrays.copyOf(gram, m * d * d);
        gram = null;
        for (int j = 0; j < m; j++) Dense.mirrorUpper(g, j * d * d, d);
        return new NodeStats(d, Arrays.copyOf(counts, m), g, Arrays.copyOf(xty, m * d), Arrays.copyOf(yty, m), ids);
    }
}
