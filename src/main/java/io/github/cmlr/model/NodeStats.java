package io.github.cmlr.model;

import io.github.cmlr.linalg.GramAccumulator;
import io.github.cmlr.linalg.GramKernels;
import java.util.Arrays;

/**
 * Per-node sufficient statistics of grouped regression data, computed in one pass:
 * {@code n_j}, the second moments {@code G_j = X_j^T X_j}, {@code s_j = X_j^T y_j},
 * {@code q_j = y_j^T y_j}. Every clustered (grouped) algorithm runs on these alone, so its cost
 * per iteration does not depend on the number of rows.
 *
 * <p>Each node keeps G_j in the smaller of two forms ({@link #keepsRows(double, int)}): a node
 * with fewer rows than features keeps its rows X_j (n_j x d, row-major) and y_j, one with at
 * least d rows keeps G_j (d x d, row-major, both triangles): n_j (d + 1) or d^2 numbers, never
 * more than the node's rows, plus d + 2 for s_j, q_j, n_j. Consumers read G_j only through
 * {@link #gram(int, double[], int)}, {@link #quadForm}, {@link #addUpperTo} and
 * {@link #totalGram()}, never knowing the form. Arrays are shared, not copied. The rows of many
 * nodes may share one large array ({@link MomentSlabs}), each node's at its own offset
 * ({@link #momentsOffset}): no per-node array, so nothing for a young collection to copy and no
 * per-node header or pointer between one node's rows and the next's.
 */
public final class NodeStats {
    private final int dim;
    private final double[] counts;
    /** Node j's G_j (d*d) or its rows (n_j*d) then y_j, from {@link #at}[j]. */
    private final double[][] moments;
    /** Per node: where its rows start in moments[j], or -1 for a node in the G form. */
    private final int[] at;
    private final double[] xty;
    private final double[] yty;
    private final String[] nodeIds;
    /** {@link #totalGram()}, formed on first use. */
    private double[] totalGram;

    /** Every node in the G form: gram holds m blocks of d*d, row-major, symmetric (copied per node). */
    public NodeStats(int dim, double[] counts, double[] gram, double[] xty, double[] yty, String[] nodeIds) {
        this(dim, counts, split(gram, counts.length, dim), xty, yty, nodeIds);
    }

    /**
     * Node j's second moments in {@code moments[j]}: where {@link #keepsRows(double, int)} says so
     * its rows X_j (n_j * d numbers, row-major) followed by y_j (n_j), else G_j (d * d, symmetric).
     */
    public NodeStats(int dim, double[] counts, double[][] moments, double[] xty, double[] yty, String[] nodeIds) {
        this(dim, counts, moments, formsOf(dim, moments), xty, yty, nodeIds);
    }

    /**
     * Node j's second moments in {@code moments[j]}: G_j (d * d, symmetric, from index 0) when
     * {@code at[j] < 0}, else its rows X_j then y_j from index {@code at[j]} (node j keeping its
     * rows by {@link #keepsRows(double, int)}; several nodes may share one array).
     */
    public NodeStats(int dim, double[] counts, double[][] moments, int[] at, double[] xty, double[] yty,
                     String[] nodeIds) {
        int m = counts.length;
        if (moments.length != m || at.length != m || xty.length != (long) m * dim || yty.length != m) {
            throw new IllegalArgumentException("inconsistent statistic lengths for m=" + m + ", d=" + dim);
        }
        for (int j = 0; j < m; j++) {
            long len = moments[j].length;
            boolean fits = at[j] < 0 ? len == (long) dim * dim
                    : keepsRows(counts[j], dim) && at[j] + (long) counts[j] * (dim + 1) <= len;
            if (!fits) {
                throw new IllegalArgumentException("node " + j + ": " + len + " second moments (from " + at[j]
                        + ") for n=" + counts[j] + ", d=" + dim);
            }
        }
        if (nodeIds != null && nodeIds.length != m) throw new IllegalArgumentException("nodeIds length");
        this.dim = dim;
        this.counts = counts;
        this.moments = moments;
        this.at = at;
        this.xty = xty;
        this.yty = yty;
        this.nodeIds = nodeIds;
    }

    /** Per-node arrays: G_j when it has d * d numbers (n_j (d + 1) never is), else the rows from index 0. */
    private static int[] formsOf(int dim, double[][] moments) {
        int[] at = new int[moments.length];
        for (int j = 0; j < moments.length; j++) at[j] = moments[j].length == dim * dim ? -1 : 0;
        return at;
    }

    /** A node of n rows keeps them (fewer numbers than G_j) when n < d, else it keeps G_j. */
    public static boolean keepsRows(double n, int d) {
        return n < d;
    }

    private static double[][] split(double[] gram, int m, int d) {
        int dd = d * d;
        if (gram.length != (long) m * dd) throw new IllegalArgumentException("inconsistent statistic lengths for m=" + m + ", d=" + d);
        double[][] out = new double[m][];
        for (int j = 0; j < m; j++) out[j] = Arrays.copyOfRange(gram, j * dd, (j + 1) * dd);
        return out;
    }

    public int dim() { return dim; }
    public int nodes() { return counts.length; }
    /** n_j as doubles (exact for n_j < 2^53). */
    public double[] counts() { return counts; }
    /** m blocks of d. */
    public double[] xty() { return xty; }
    public double[] yty() { return yty; }
    public String nodeId(int j) { return nodeIds != null ? nodeIds[j] : Integer.toString(j); }
    public String[] nodeIds() { return nodeIds; }

    /** Whether node j holds its rows (else G_j). */
    public boolean holdsRows(int j) { return at[j] >= 0; }

    /**
     * The array of node j's stored moments, shared: from {@link #momentsOffset(int)} its rows
     * (row-major, n_j x d) then y_j, or G_j (d x d, from 0); see {@link #holdsRows}.
     */
    public double[] moments(int j) { return moments[j]; }

    /** Where node j's moments start in {@link #moments(int)} (0 for G_j). */
    public int momentsOffset(int j) { return Math.max(at[j], 0); }

    /** Node j's moments alone, a copy: n_j (d + 1) numbers for a node that holds rows, else d * d. */
    public double[] nodeMoments(int j) {
        int len = holdsRows(j) ? rowsHeld(j) * (dim + 1) : dim * dim;
        return Arrays.copyOfRange(moments[j], momentsOffset(j), momentsOffset(j) + len);
    }

    /** Rows held by node j (0 for a node that keeps G_j). */
    public int rowsHeld(int j) { return holdsRows(j) ? (int) counts[j] : 0; }

    /** Numbers held for the second moments of all nodes. */
    public long momentCount() {
        long n = 0;
        for (int j = 0; j < nodes(); j++) n += holdsRows(j) ? (long) rowsHeld(j) * (dim + 1) : (long) dim * dim;
        return n;
    }

    /** Writes G_j (d x d, row-major, both triangles) to {@code out[off ..]}. */
    public void gram(int j, double[] out, int off) {
        double[] a = moments[j];
        int d = dim;
        if (!holdsRows(j)) {
            System.arraycopy(a, 0, out, off, d * d);
            return;
        }
        Arrays.fill(out, off, off + d * d, 0.0);
        GramKernels.addRowsUpper(out, off, a, at[j], rowsHeld(j), d, 1.0);
        mirror(out, off, d);
    }

    /** G_j as a new d x d array. */
    public double[] gram(int j) {
        double[] g = new double[dim * dim];
        gram(j, g, 0);
        return g;
    }

    /** All G_j as m blocks of d*d (m d^2 numbers: for small data, checks and tests). */
    public double[] gram() {
        int dd = dim * dim;
        double[] g = new double[Math.multiplyExact(nodes(), dd)];
        for (int j = 0; j < nodes(); j++) gram(j, g, j * dd);
        return g;
    }

    /** {@code b^T G_j b} for b at {@code b[bOff .. bOff + d)}: {@code ||X_j b||^2} for a node that holds rows. */
    public double quadForm(int j, double[] b, int bOff) {
        double[] a = moments[j];
        int d = dim;
        double q = 0;
        if (holdsRows(j)) {
            for (int i = at[j]; i < at[j] + rowsHeld(j) * d; i += d) {
                double t = 0;
                for (int c = 0; c < d; c++) t += a[i + c] * b[bOff + c];
                q += t * t;
            }
            return q;
        }
        for (int r = 0; r < d; r++) {
            double t = 0;
            for (int c = 0; c < d; c++) t += a[r * d + c] * b[bOff + c];
            q += b[bOff + r] * t;
        }
        return q;
    }

    /** Entry (i, i) of G_j. */
    public double gramDiagonal(int j, int i) {
        double[] a = moments[j];
        if (!holdsRows(j)) return a[i * dim + i];
        double t = 0;
        for (int r = at[j] + i; r < at[j] + rowsHeld(j) * dim; r += dim) t += a[r] * a[r];
        return t;
    }

    /** {@code acc += w G_j} on the upper triangle of the d x d block at acc[off] (entries below it untouched). */
    public void addUpperTo(int j, double w, double[] acc, int off) {
        double[] a = moments[j];
        int d = dim;
        if (holdsRows(j)) {
            GramKernels.addRowsUpper(acc, off, a, at[j], rowsHeld(j), d, w);
            return;
        }
        for (int r = 0; r < d; r++) {
            for (int c = r; c < d; c++) acc[off + r * d + c] += w * a[r * d + c];
        }
    }

    /** Adds the rows of node j (one that keeps them), weight w, to {@code acc}'s G (y left out: s and q get 0). */
    public void addRowsTo(int j, double w, GramAccumulator acc) {
        double[] xy = moments[j];
        for (int i = 0; i < rowsHeld(j); i++) acc.add(w, 0.0, xy, at[j] + i * dim);
    }

    /**
     * {@code out[c*d*d ..] += sum_{j : labels[j] = c} G_j} on the upper triangles, for every group c
     * but {@code skip} (-1: none). Rows of the nodes that keep them are added across nodes four at a
     * time ({@link GramAccumulator}, one per group, the vectorised rank-4 update), then each group's
     * accumulator to out; nodes that keep G_j are added directly. The order of the additions
     * depends on the labels alone.
     *
     * @param labels group of every node, in [0, k) (read only)
     * @param out    k blocks of d x d; entries below the diagonals untouched
     */
    public void addGroupGramsUpper(int[] labels, int k, int skip, double[] out) {
        int d = dim;
        GramAccumulator[] rows = new GramAccumulator[k];
        for (int j = 0; j < nodes(); j++) {
            int c = labels[j];
            if (c == skip) continue;
            if (!holdsRows(j)) {
                addUpperTo(j, 1.0, out, c * d * d);
                continue;
            }
            if (rows[c] == null) rows[c] = new GramAccumulator(d);
            addRowsTo(j, 1.0, rows[c]);
        }
        for (int c = 0; c < k; c++) {
            if (rows[c] == null) continue;
            rows[c].finish();
            rows[c].addUpperTo(out, c * d * d);
        }
    }

    private static void mirror(double[] m, int off, int d) {
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < r; c++) m[off + r * d + c] = m[off + c * d + r];
        }
    }

    public double totalCount() {
        double t = 0;
        for (double c : counts) t += c;
        return t;
    }

    /** A = sum_j G_j (d x d, a new array), summed once ({@link #addGroupGramsUpper}, one group) and kept: a constant of the data. */
    public double[] totalGram() {
        return total().clone();
    }

    private synchronized double[] total() {
        if (totalGram == null) {
            double[] a = new double[dim * dim];
            addGroupGramsUpper(new int[nodes()], 1, -1, a);
            mirror(a, 0, dim);
            totalGram = a;
        }
        return totalGram;
    }

    /** The same nodes and second moments with other responses' s_j and q_j. */
    public NodeStats withResponses(double[] newXty, double[] newYty) {
        return new NodeStats(dim, counts, moments, at, newXty, newYty, nodeIds);
    }

    /** The picked nodes, in pick order (a node picked twice appears twice; its arrays are shared). */
    public NodeStats subset(int[] pick) {
        int d = dim;
        double[] n = new double[pick.length];
        double[][] mo = new double[pick.length][];
        int[] where = new int[pick.length];
        double[] s = new double[pick.length * d];
        double[] q = new double[pick.length];
        String[] ids = new String[pick.length];
        for (int i = 0; i < pick.length; i++) {
            int j = pick[i];
            n[i] = counts[j];
            mo[i] = moments[j];
            where[i] = at[j];
            System.arraycopy(xty, j * d, s, i * d, d);
            q[i] = yty[j];
            ids[i] = nodeId(j);
        }
        return new NodeStats(d, n, mo, where, s, q, ids);
    }

    /**
     * The statistics of the data with feature a multiplied by {@code c[a]} and the response by r:
     * G'_ab = c_a c_b G_ab (rows x'_a = c_a x_a, y' = r y), s'_a = c_a r s_a, q' = r^2 q.
     */
    public NodeStats rescaled(double[] c, double r) {
        int d = dim;
        int m = nodes();
        double[][] mo = new double[m][];
        double[] s = xty.clone();
        double[] q = yty.clone();
        for (int j = 0; j < m; j++) {
            double[] a = nodeMoments(j);
            if (holdsRows(j)) {
                int x = rowsHeld(j) * d;
                for (int i = 0; i < x; i++) a[i] = a[i] * c[i % d];
                for (int i = x; i < a.length; i++) a[i] = a[i] * r;
            } else {
                for (int u = 0; u < d; u++) {
                    for (int v = 0; v < d; v++) a[u * d + v] = a[u * d + v] * c[u] * c[v];
                }
            }
            mo[j] = a;
            for (int u = 0; u < d; u++) s[j * d + u] = s[j * d + u] * c[u] * r;
            q[j] = q[j] * r * r;
        }
        return new NodeStats(d, counts.clone(), mo, s, q, nodeIds);
    }
}
