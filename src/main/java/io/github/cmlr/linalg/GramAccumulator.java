package io.github.cmlr.linalg;

/**
 * Accumulates the weighted products {@code G += sum g_i x_i x_i^T} (upper triangle),
 * {@code s += sum g_i y_i x_i} and {@code q += sum g_i y_i^2} of a sequence of rows, four rows at
 * a time: rows are buffered, and every fourth one triggers one rank-4 update in which each entry
 * of the triangle is loaded and stored once. The triangle rows and the four buffered rows are
 * separate arrays indexed by the loop counter alone, the form HotSpot's auto-vectoriser accepts;
 * one big array indexed with an offset is not vectorised.
 *
 * <p>The arithmetic is fixed: a group of four adds {@code w0 x0[k] + w1 x1[k] + w2 x2[k] + w3 x3[k]}
 * (w_i = g_i x_i[r]) to entry (r, k), and rows left over at {@link #finish()} are added one at a
 * time. So the result depends only on the rows, their order and where the groups start, never on
 * the thread count or on how the rows were delivered. With all g_i = 1 the products are exact
 * copies of the unweighted ones.
 */
public final class GramAccumulator {
    private static final int GROUP = 4;

    private final int d;
    private final double[][] g;
    private final double[] s;
    private double q;
    private final double[][] rows = new double[GROUP][];
    private final double[] ys = new double[GROUP];
    private final double[] ws = new double[GROUP];
    private int buffered;

    public GramAccumulator(int dim) {
        this.d = dim;
        this.g = new double[dim][dim];
        this.s = new double[dim];
        for (int i = 0; i < GROUP; i++) rows[i] = new double[dim];
    }

    public int dim() { return d; }

    /** Starts from zero, with no row buffered. */
    public void reset() {
        for (int r = 0; r < d; r++) java.util.Arrays.fill(g[r], r, d, 0.0); // the triangle alone is ever read
        java.util.Arrays.fill(s, 0.0);
        q = 0;
        buffered = 0;
    }

    /** Starts from the upper triangle of {@code gram[gOff ..]} (d x d row-major), {@code xty[sOff ..]} and q. */
    public void load(double[] gram, int gOff, double[] xty, int sOff, double yty) {
        for (int r = 0; r < d; r++) System.arraycopy(gram, gOff + r * d + r, g[r], r, d - r);
        System.arraycopy(xty, sOff, s, 0, d);
        q = yty;
        buffered = 0;
    }

    /** Adds the row (weight w, response y, features x[xOff .. xOff+d)); the update runs at every fourth row. */
    public void add(double w, double y, double[] x, int xOff) {
        System.arraycopy(x, xOff, rows[buffered], 0, d);
        ys[buffered] = y;
        ws[buffered] = w;
        if (++buffered == GROUP) {
            addGroup();
            buffered = 0;
        }
    }

    /** Rows buffered and not yet added (0 to 3). */
    public int buffered() { return buffered; }

    /** Buffered row i: its weight, response and features (copied into x at xOff). */
    public double bufferedRow(int i, double[] x, int xOff) {
        System.arraycopy(rows[i], 0, x, xOff, d);
        return ys[i];
    }

    public double bufferedWeight(int i) { return ws[i]; }

    /** Forgets the buffered rows (the caller has saved them to add later). */
    public void dropBuffered() { buffered = 0; }

    /** Adds the buffered rows one at a time. */
    public void finish() {
        for (int i = 0; i < buffered; i++) addSingle(ws[i], ys[i], rows[i]);
        buffered = 0;
    }

    /** Writes the upper triangle to {@code gram[gOff ..]}, s to {@code xty[sOff ..]}; returns q. Buffered rows are not included. */
    public double store(double[] gram, int gOff, double[] xty, int sOff) {
        for (int r = 0; r < d; r++) System.arraycopy(g[r], r, gram, gOff + r * d + r, d - r);
        System.arraycopy(s, 0, xty, sOff, d);
        return q;
    }

    /** Adds the upper triangle to {@code acc[off ..]} entry by entry, s to {@code acc[sOff ..]}; returns q. */
    public double addTo(double[] acc, int off, int sOff) {
        for (int r = 0; r < d; r++) {
            double[] gr = g[r];
            int base = off + r * d;
            for (int k = r; k < d; k++) acc[base + k] += gr[k];
        }
        for (int r = 0; r < d; r++) acc[sOff + r] += s[r];
        return q;
    }

    /**
     * Adds w times another accumulator's sums (its buffered rows excluded), e.g. one node's X'X,
     * X'y and y'y formed once for several weights. Buffered rows stay buffered.
     */
    public void addWeighted(double w, GramAccumulator other) {
        for (int r = 0; r < d; r++) {
            double[] gr = g[r];
            double[] or = other.g[r];
            for (int k = r; k < d; k++) gr[k] += w * or[k];
        }
        for (int r = 0; r < d; r++) s[r] += w * other.s[r];
        q += w * other.q;
    }

    /** Adds the upper triangle alone to the d x d block at {@code acc[off ..]}, entry by entry. */
    public void addUpperTo(double[] acc, int off) {
        for (int r = 0; r < d; r++) {
            double[] gr = g[r];
            int base = off + r * d;
            for (int k = r; k < d; k++) acc[base + k] += gr[k];
        }
    }

    /**
     * {@code s[sOff ..] += X^T y} and returns {@code y^T y} for the rows of a node that keeps them
     * (xy: X row-major from index xyOff, then y), added row by row in order: the one definition of
     * these sums for such nodes, in memory and streamed alike.
     */
    public static double xtyOfRows(double[] xy, int xyOff, int rows, int d, double[] s, int sOff) {
        double q = 0;
        for (int i = 0; i < rows; i++) {
            double yi = xy[xyOff + rows * d + i];
            q += yi * yi;
            for (int r = 0; r < d; r++) s[sOff + r] += yi * xy[xyOff + i * d + r];
        }
        return q;
    }

    private void addGroup() {
        double[] x0 = rows[0];
        double[] x1 = rows[1];
        double[] x2 = rows[2];
        double[] x3 = rows[3];
        double g0 = ws[0];
        double g1 = ws[1];
        double g2 = ws[2];
        double g3 = ws[3];
        double y0 = g0 * ys[0];
        double y1 = g1 * ys[1];
        double y2 = g2 * ys[2];
        double y3 = g3 * ys[3];
        q += y0 * ys[0] + y1 * ys[1] + y2 * ys[2] + y3 * ys[3];
        for (int r = 0; r < d; r++) {
            s[r] += y0 * x0[r] + y1 * x1[r] + y2 * x2[r] + y3 * x3[r];
            double w0 = g0 * x0[r];
            double w1 = g1 * x1[r];
            double w2 = g2 * x2[r];
            double w3 = g3 * x3[r];
            double[] gr = g[r];
            for (int k = r; k < d; k++) gr[k] += w0 * x0[k] + w1 * x1[k] + w2 * x2[k] + w3 * x3[k];
        }
    }

    private void addSingle(double w, double y, double[] x) {
        double wy = w * y;
        q += wy * y;
        for (int r = 0; r < d; r++) {
            s[r] += wy * x[r];
            double wr = w * x[r];
            double[] gr = g[r];
            for (int k = r; k < d; k++) gr[k] += wr * x[k];
        }
    }
}
