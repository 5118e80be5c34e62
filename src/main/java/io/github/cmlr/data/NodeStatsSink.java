package io.github.cmlr.data;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.linalg.GramAccumulator;
import io.github.cmlr.model.MomentSlabs;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.Arrays;

/**
 * Streams rows into per-node sufficient statistics n_j, G_j = X_j^T X_j, s_j = X_j^T y_j,
 * q_j = y_j^T y_j, each node in the form {@link NodeStats} keeps. Rows of a node need not be
 * contiguous. Memory grows with the number of nodes, never with the number of rows: per node
 * its rows while it has fewer than d of them, G_j and up to three pending rows from then on,
 * plus s_j, q_j, n_j. The kept rows live in a {@link RowArena} (a few large arrays, which a young
 * garbage collection does not copy), sized once per chunk when the reader gives a hint
 * ({@link #reserve}).
 *
 * <p>A node's first d rows are kept; at its d-th row they go into a {@link GramAccumulator},
 * which adds them four at a time from the node's first row, as every later row. The node being
 * read is held open in the accumulator; when another G-form node's row comes, the open node's
 * statistics and its pending (fewer than four) rows are put back, and the last one to three rows
 * are added singly at the end. This is exactly the grouping of the CPU backend's statistics pass
 * ({@code cpu.NodeStatsPass}), and a node that keeps its rows gets s_j and q_j from the same
 * {@link GramAccumulator#xtyOfRows}, so the streamed statistics are bitwise those of the
 * in-memory dataset, and streaming and in-memory fits give identical results.
 */
final class NodeStatsSink implements RowSink {
    private static final int PENDING = 3;
    private static final int FIRST_CAPACITY = 64;
    /** Rows a node's first array holds before it grows. */
    private static final int FIRST_ROWS = 4;

    private final int d;
    private final GramAccumulator open;
    private int openNode = -1;
    private double[] counts;
    private double[] xty;
    private double[] yty;
    /** Per node, while n_j < d: its rows (row-major). */
    private final RowArena kept;
    /** Per node, from n_j = d on: G_j's upper triangle then the pending rows. */
    private double[][] moments;
    /** Per node: its responses while n_j < d; from then on those of the pending rows. */
    private double[][] responses;
    private byte[] pending;
    private int nodes;

    NodeStatsSink(int dim) {
        this.d = dim;
        this.open = new GramAccumulator(dim);
        this.kept = new RowArena(dim);
        int cap = (int) Math.min(FIRST_CAPACITY, maxNodes(dim));
        this.counts = new double[cap];
        this.yty = new double[cap];
        this.xty = new double[cap * dim];
        this.moments = new double[cap][];
        this.responses = new double[cap][];
        this.pending = new byte[cap];
    }

    /** The most nodes whose s_j fit one Java array (2^31 - 17 doubles). */
    static long maxNodes(int dim) {
        return (Integer.MAX_VALUE - 16) / Math.max(1, dim);
    }

    @Override
    public void accept(int node, double y, double[] x, int xOff) {
        if (node >= counts.length) grow(node + 1);
        if (node >= nodes) nodes = node + 1;
        double n = counts[node];
        counts[node] = n + 1;
        if (!NodeStats.keepsRows(n, d)) {
            if (node != openNode) reopen(node);
            open.add(1.0, y, x, xOff);
            return;
        }
        keep(node, (int) n, y, x, xOff);
        if (!NodeStats.keepsRows(n + 1, d)) toGram(node);
    }

    /** Sizes the row storage of a node that still keeps its rows for {@code rows} more (at most d in all). */
    @Override
    public void reserve(int node, long rows) {
        if (node >= counts.length) grow(node + 1);
        double n = counts[node];
        if (!NodeStats.keepsRows(n, d)) return;
        int want = (int) Math.min(d, n + rows);
        if (kept.capacity(node) < want) resize(node, want, (int) n);
    }

    /** Stores row i of a node that still keeps its rows (its arrays grow by half, at most to d rows). */
    private void keep(int node, int i, double y, double[] x, int xOff) {
        if (kept.capacity(node) <= i) resize(node, (int) Math.min(d, Math.max(FIRST_ROWS, i + 1 + (i >> 1))), i);
        System.arraycopy(x, xOff, kept.slab(node), kept.offset(node) + i * d, d);
        responses[node][i] = y;
    }

    /** Room for {@code rows} rows of a node that has {@code n} so far. */
    private void resize(int node, int rows, int n) {
        kept.resize(node, rows, n);
        responses[node] = responses[node] == null ? new double[rows] : Arrays.copyOf(responses[node], rows);
    }

    /** The node's d kept rows go into the accumulator, which stays open on it. */
    private void toGram(int node) {
        close();
        if ((long) d * d + (long) PENDING * d > Integer.MAX_VALUE - 16) {
            throw new CmlrException(ExitCode.USAGE, d + " features: one node's X^T X (" + (long) d * d
                    + " numbers) exceeds one Java array (2^31 doubles)");
        }
        double[] rows = kept.slab(node);
        int at = kept.offset(node);
        double[] ys = responses[node];
        open.reset();
        for (int i = 0; i < d; i++) open.add(1.0, ys[i], rows, at + i * d);
        kept.release(node);
        moments[node] = new double[d * d + PENDING * d];
        responses[node] = new double[PENDING];
        openNode = node;
    }

    /** Puts the open node back and opens this one (a node in the G form), with its pending rows. */
    private void reopen(int node) {
        close();
        double[] g = moments[node];
        open.load(g, 0, xty, node * d, yty[node]);
        for (int i = 0; i < pending[node]; i++) open.add(1.0, responses[node][i], g, d * d + i * d);
        openNode = node;
    }

    private void close() {
        if (openNode < 0) return;
        int node = openNode;
        double[] g = moments[node];
        yty[node] = open.store(g, 0, xty, node * d);
        for (int i = 0; i < open.buffered(); i++) responses[node][i] = open.bufferedRow(i, g, d * d + i * d);
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
        xty = Arrays.copyOf(xty, cap * d);
        moments = Arrays.copyOf(moments, cap);
        responses = Arrays.copyOf(responses, cap);
        pending = Arrays.copyOf(pending, cap);
    }

    /** The statistics of every node seen, trimmed, with pending rows added and G_j made fully symmetric. */
    NodeStats finish(String[] ids) {
        close();
        int m = nodes;
        double[][] out = new double[m][];
        int[] at = new int[m];
        MomentSlabs slabs = MomentSlabs.forNodes(counts, m, d);
        for (int j = 0; j < m; j++) {
            at[j] = slabs.placeNode(counts[j]);
            if (at[j] >= 0) {
                out[j] = slabs.array();
                keptRows(j, out[j], at[j]);
            } else {
                out[j] = gramOf(j);
            }
            moments[j] = null;
            responses[j] = null;
        }
        return new NodeStats(d, Arrays.copyOf(counts, m), out, at, Arrays.copyOf(xty, m * d), Arrays.copyOf(yty, m), ids);
    }

    /** Node j's kept rows, then its responses, to xy[at ..]; s_j and q_j from them. */
    private void keptRows(int j, double[] xy, int at) {
        int n = (int) counts[j];
        if (n == 0) return;
        System.arraycopy(kept.slab(j), kept.offset(j), xy, at, n * d);
        System.arraycopy(responses[j], 0, xy, at + n * d, n);
        yty[j] = GramAccumulator.xtyOfRows(xy, at, n, d, xty, j * d);
    }

    private double[] gramOf(int j) {
        double[] kept = moments[j];
        open.load(kept, 0, xty, j * d, yty[j]);
        for (int i = 0; i < pending[j]; i++) open.add(1.0, responses[j][i], kept, d * d + i * d);
        open.finish();
        double[] g = new double[d * d];
        yty[j] = open.store(g, 0, xty, j * d);
        Dense.mirrorUpper(g, 0, d);
        return g;
    }
}
