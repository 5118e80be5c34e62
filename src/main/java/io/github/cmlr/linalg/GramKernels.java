package io.github.cmlr.linalg;

/**
 * The two loops of an EM iteration over per-node Gram matrices (symmetric d x d blocks, row-major,
 * both triangles stored), written so that they run near the machine's limits in plain Java:
 * only the upper triangle is read, and every loop keeps several independent sums (the JIT may not
 * reorder one serial sum of doubles, so a single accumulator waits on each addition). The order of
 * every addition is fixed by the arguments alone, so results are bitwise reproducible.
 */
public final class GramKernels {
    private GramKernels() {}

    /**
     * {@code out[outOff + c] = b_c^T G b_c} for the K vectors {@code b_c = b[c*d .. c*d + d)}, G at
     * gOff: sum_r b_r (G_rr b_r + 2 sum_{i>r} G_ri b_i), two vectors per pass over G (each entry
     * loaded once for both), four partial sums per vector.
     *
     * @param out output, K entries from outOff
     */
    public static void quadForms(double[] g, int gOff, int d, double[] b, int k, double[] out, int outOff) {
        int c = 0;
        for (; c + 1 < k; c += 2) quadPair(g, gOff, d, b, c * d, (c + 1) * d, out, outOff + c);
        if (c < k) out[outOff + c] = quadOne(g, gOff, d, b, c * d);
    }

    private static void quadPair(double[] g, int gOff, int d, double[] b, int x, int y, double[] out, int o) {
        double qx = 0;
        double qy = 0;
        for (int r = 0; r < d; r++) {
            int row = gOff + r * d;
            double x0 = 0, x1 = 0, x2 = 0, x3 = 0, y0 = 0, y1 = 0, y2 = 0, y3 = 0;
            int i = r + 1;
            for (; i + 3 < d; i += 4) {
                double g0 = g[row + i], g1 = g[row + i + 1], g2 = g[row + i + 2], g3 = g[row + i + 3];
                x0 += g0 * b[x + i];
                x1 += g1 * b[x + i + 1];
                x2 += g2 * b[x + i + 2];
                x3 += g3 * b[x + i + 3];
                y0 += g0 * b[y + i];
                y1 += g1 * b[y + i + 1];
                y2 += g2 * b[y + i + 2];
                y3 += g3 * b[y + i + 3];
            }
            for (; i < d; i++) {
                x0 += g[row + i] * b[x + i];
                y0 += g[row + i] * b[y + i];
            }
            double diag = g[row + r];
            double br = b[x + r];
            double cr = b[y + r];
            qx += br * (diag * br + 2 * ((x0 + x1) + (x2 + x3)));
            qy += cr * (diag * cr + 2 * ((y0 + y1) + (y2 + y3)));
        }
        out[o] = qx;
        out[o + 1] = qy;
    }

    private static double quadOne(double[] g, int gOff, int d, double[] b, int x) {
        double q = 0;
        for (int r = 0; r < d; r++) {
            int row = gOff + r * d;
            double x0 = 0, x1 = 0, x2 = 0, x3 = 0;
            int i = r + 1;
            for (; i + 3 < d; i += 4) {
                x0 += g[row + i] * b[x + i];
                x1 += g[row + i + 1] * b[x + i + 1];
                x2 += g[row + i + 2] * b[x + i + 2];
                x3 += g[row + i + 3] * b[x + i + 3];
            }
            for (; i < d; i++) x0 += g[row + i] * b[x + i];
            double br = b[x + r];
            q += br * (g[row + r] * br + 2 * ((x0 + x1) + (x2 + x3)));
        }
        return q;
    }

    /**
     * Adds the upper triangles of four d x d blocks g0..g3 (each from index 0), weighted by
     * w0..w3, to the block at acc[aOff]: acc += (w0 G0 + w1 G1) + (w2 G2 + w3 G3), one load and
     * store of acc per four multiply-adds, each row one contiguous loop the JIT vectorises.
     * Entries below the diagonal of acc are not touched.
     */
    public static void addUpper4(double[] acc, int aOff, double[] g0, double[] g1, double[] g2, double[] g3, int d,
                                 double w0, double w1, double w2, double w3) {
        for (int r = 0; r < d; r++) {
            int o = r * d + r;
            int len = d - r;
            for (int i = 0; i < len; i++) {
                int j = o + i;
                acc[aOff + j] += (w0 * g0[j] + w1 * g1[j]) + (w2 * g2[j] + w3 * g3[j]);
            }
        }
    }

    /**
     * {@code out[outOff + c] = ||y - X b_c||^2} for the K vectors b_c and a node that keeps its
     * rows (xy: X, rows x d row-major, from index xyOff, then y): the residual sums of squares that a
     * node of G_j forms as q - 2 b's + b'Gb, here straight from the rows as standard EM does
     * (d multiply-adds per row and vector, and no cancellation), row by row with
     * {@link #addSquaredResiduals}: the squares are added in row order from 0, so a node of one
     * row gives bitwise the square that standard EM forms for that row.
     *
     * @param out output, K entries from outOff
     */
    public static void rowResiduals(double[] xy, int xyOff, int rows, int d, double[] b, int k, double[] out,
                                    int outOff) {
        for (int c = 0; c < k; c++) out[outOff + c] = 0;
        int y = xyOff + rows * d;
        for (int i = 0; i < rows; i++) addSquaredResiduals(xy, xyOff + i * d, d, xy[y + i], b, k, out, outOff);
    }

    /**
     * {@code out[outOff + c] += (y - <x[xOff .. xOff + d), b_c>)^2} for the K vectors b_c: one
     * row's squared residuals. Two vectors per pass over the row (each x loaded once for both; at an
     * odd K >= 3 the first three share one pass) and
     * four partial sums per vector (columns mod 4, added as ((s0 + s1) + (s2 + s3))): a dot
     * product is a serial reduction the JIT does not vectorise, so independent sums are what keeps
     * the multiply-adds from waiting on each other.
     *
     * @param out added to, K entries from outOff
     */
    public static void addSquaredResiduals(double[] x, int xOff, int d, double y, double[] b, int k, double[] out,
                                           int outOff) {
        int c = 0;
        if (k % 2 == 1 && k >= 3) { // an odd K: one pass of three, the rest in pairs
            addThreeSquaredResiduals(x, xOff, d, y, b, 0, out, outOff);
            c = 3;
        }
        for (; c + 1 < k; c += 2) {
            int bx = c * d;
            int by = bx + d;
            double x0 = 0, x1 = 0, x2 = 0, x3 = 0, y0 = 0, y1 = 0, y2 = 0, y3 = 0;
            int i = 0;
            for (; i + 3 < d; i += 4) {
                double a0 = x[xOff + i], a1 = x[xOff + i + 1], a2 = x[xOff + i + 2], a3 = x[xOff + i + 3];
                x0 += a0 * b[bx + i];
                x1 += a1 * b[bx + i + 1];
                x2 += a2 * b[bx + i + 2];
                x3 += a3 * b[bx + i + 3];
                y0 += a0 * b[by + i];
                y1 += a1 * b[by + i + 1];
                y2 += a2 * b[by + i + 2];
                y3 += a3 * b[by + i + 3];
            }
            for (; i < d; i++) {
                x0 += x[xOff + i] * b[bx + i];
                y0 += x[xOff + i] * b[by + i];
            }
            double rx = y - ((x0 + x1) + (x2 + x3));
            double ry = y - ((y0 + y1) + (y2 + y3));
            out[outOff + c] += rx * rx;
            out[outOff + c + 1] += ry * ry;
        }
        if (c < k) {
            double r = y - dotOf4(x, xOff, b, c * d, d);
            out[outOff + c] += r * r;
        }
    }

    /**
     * Vectors c, c + 1 and c + 2 of {@link #addSquaredResiduals} in one pass over the row: the same
     * four partial sums per vector, so each square is bitwise what a pair or a single pass gives.
     */
    private static void addThreeSquaredResiduals(double[] x, int xOff, int d, double y, double[] b, int c, double[] out,
                                                 int outOff) {
        int bx = c * d;
        int by = bx + d;
        int bz = by + d;
        double x0 = 0, x1 = 0, x2 = 0, x3 = 0, y0 = 0, y1 = 0, y2 = 0, y3 = 0, z0 = 0, z1 = 0, z2 = 0, z3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            double a0 = x[xOff + i], a1 = x[xOff + i + 1], a2 = x[xOff + i + 2], a3 = x[xOff + i + 3];
            x0 += a0 * b[bx + i];
            x1 += a1 * b[bx + i + 1];
            x2 += a2 * b[bx + i + 2];
            x3 += a3 * b[bx + i + 3];
            y0 += a0 * b[by + i];
            y1 += a1 * b[by + i + 1];
            y2 += a2 * b[by + i + 2];
            y3 += a3 * b[by + i + 3];
            z0 += a0 * b[bz + i];
            z1 += a1 * b[bz + i + 1];
            z2 += a2 * b[bz + i + 2];
            z3 += a3 * b[bz + i + 3];
        }
        for (; i < d; i++) {
            x0 += x[xOff + i] * b[bx + i];
            y0 += x[xOff + i] * b[by + i];
            z0 += x[xOff + i] * b[bz + i];
        }
        double rx = y - ((x0 + x1) + (x2 + x3));
        double ry = y - ((y0 + y1) + (y2 + y3));
        double rz = y - ((z0 + z1) + (z2 + z3));
        out[outOff + c] += rx * rx;
        out[outOff + c + 1] += ry * ry;
        out[outOff + c + 2] += rz * rz;
    }

    /** sum_i a[aOff + i] b[bOff + i] with four partial sums (i mod 4), added as ((s0 + s1) + (s2 + s3)). */
    private static double dotOf4(double[] a, int aOff, double[] b, int bOff, int d) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < d; i++) s0 += a[aOff + i] * b[bOff + i];
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code acc += w X^T X} on the upper triangle of the d x d block at acc[aOff], X the
     * rows x d numbers of x from xOff (row-major): four rows at a time (one load and store of acc per four
     * multiply-adds, each triangle row one contiguous loop), the last one to three singly.
     */
    public static void addRowsUpper(double[] acc, int aOff, double[] x, int xOff, int rows, int d, double w) {
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            int x0 = xOff + i * d;
            int x1 = x0 + d;
            int x2 = x1 + d;
            int x3 = x2 + d;
            for (int r = 0; r < d; r++) {
                double w0 = w * x[x0 + r];
                double w1 = w * x[x1 + r];
                double w2 = w * x[x2 + r];
                double w3 = w * x[x3 + r];
                int o = aOff + r * d;
                for (int k = r; k < d; k++) {
                    acc[o + k] += (w0 * x[x0 + k] + w1 * x[x1 + k]) + (w2 * x[x2 + k] + w3 * x[x3 + k]);
                }
            }
        }
        for (; i < rows; i++) {
            int xi = xOff + i * d;
            for (int r = 0; r < d; r++) {
                double v = w * x[xi + r];
                int o = aOff + r * d;
                for (int k = r; k < d; k++) acc[o + k] += v * x[xi + k];
            }
        }
    }

    /** {@link #addUpper4} for one block: acc += w G on the upper triangle. */
    public static void addUpper(double[] acc, int aOff, double[] g, int gOff, int d, double w) {
        for (int r = 0; r < d; r++) {
            int o = r * d + r;
            int len = d - r;
            for (int i = 0; i < len; i++) acc[aOff + o + i] += w * g[gOff + o + i];
        }
    }
}
