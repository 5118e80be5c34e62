package io.github.cmlr.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocked kernels against the plain formulas, on sizes that are and are not multiples of 4. */
class GramKernelsTest {
    private static final int[] DIMS = {1, 2, 3, 4, 5, 7, 8, 13, 50, 53};

    /** m symmetric d x d blocks X^T X of random 3d x d matrices (both triangles), row-major. */
    private static double[] grams(int m, int d, SplittableRandom rng) {
        double[] g = new double[m * d * d];
        for (int j = 0; j < m; j++) {
            for (int t = 0; t < 3 * d; t++) {
                double[] x = new double[d];
                for (int i = 0; i < d; i++) x[i] = rng.nextGaussian();
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c < d; c++) g[j * d * d + r * d + c] += x[r] * x[c];
                }
            }
        }
        return g;
    }

    @Test
    void quadFormsEqualThePlainQuadraticFormForEveryComponent() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int d : DIMS) {
            double[] g = grams(2, d, rng);
            for (int k = 1; k <= 5; k++) {
                double[] b = new double[k * d];
                for (int i = 0; i < b.length; i++) b[i] = rng.nextGaussian();
                double[] out = new double[k + 1];
                GramKernels.quadForms(g, d * d, d, b, k, out, 1);
                for (int c = 0; c < k; c++) {
                    double want = Dense.quadForm(g, d * d, b, c * d, d);
                    assertEquals(want, out[1 + c], 1e-12 * Math.max(1, Math.abs(want)), "d=" + d + " k=" + k + " c=" + c);
                }
            }
        }
    }

    @Test
    void addUpper4AddsTheWeightedSumOnTheUpperTriangleOnly() {
        SplittableRandom rng = new SplittableRandom(6);
        for (int d : DIMS) {
            int dd = d * d;
            double[] g = grams(5, d, rng);
            double[] w = {0.25, -1.5, 2.0, 0.75};
            double[] acc = new double[2 * dd];
            java.util.Arrays.fill(acc, 3.0);
            double[][] b = new double[4][];
            for (int u = 0; u < 4; u++) b[u] = java.util.Arrays.copyOfRange(g, (u + 1) * dd, (u + 2) * dd);
            GramKernels.addUpper4(acc, dd, b[0], b[1], b[2], b[3], d, w[0], w[1], w[2], w[3]);
            double[] one = new double[dd];
            java.util.Arrays.fill(one, 3.0);
            for (int u = 0; u < 4; u++) GramKernels.addUpper(one, 0, g, (u + 1) * dd, d, w[u]);
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    double want = 3.0;
                    if (c >= r) for (int u = 0; u < 4; u++) want += w[u] * g[(u + 1) * dd + r * d + c];
                    String at = "d=" + d + " (" + r + "," + c + ")";
                    assertEquals(want, acc[dd + r * d + c], 1e-12 * Math.max(1, Math.abs(want)), at);
                    assertEquals(want, one[r * d + c], 1e-12 * Math.max(1, Math.abs(want)), at);
                    assertEquals(3.0, acc[r * d + c], 0, "outside the target block " + at);
                }
            }
        }
    }

    /** ||y - X b_c||^2 from rows equals q - 2 b_c's + b_c'G b_c, for 0 to 6 rows and every K. */
    @Test
    void rowResidualsEqualTheirFormFromTheStatistics() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int d : DIMS) {
            for (int n = 0; n <= 6; n++) {
                double[] xy = new double[n * (d + 1)];
                for (int i = 0; i < xy.length; i++) xy[i] = rng.nextGaussian();
                double[] g = new double[d * d];
                double[] s = new double[d];
                double q = 0;
                for (int i = 0; i < n; i++) {
                    double y = xy[n * d + i];
                    q += y * y;
                    for (int r = 0; r < d; r++) {
                        s[r] += y * xy[i * d + r];
                        for (int c = 0; c < d; c++) g[r * d + c] += xy[i * d + r] * xy[i * d + c];
                    }
                }
                for (int k = 1; k <= 3; k++) {
                    double[] b = new double[k * d];
                    for (int i = 0; i < b.length; i++) b[i] = rng.nextGaussian();
                    double[] out = new double[k + 1];
                    GramKernels.rowResiduals(xy, 0, n, d, b, k, out, 1);
                    for (int c = 0; c < k; c++) {
                        double want = q - 2 * Dense.dot(s, 0, b, c * d, d) + Dense.quadForm(g, 0, b, c * d, d);
                        assertEquals(want, out[1 + c], 1e-10 * Math.max(1, Math.abs(want)), "d=" + d + " n=" + n + " c=" + c);
                    }
                }
            }
        }
    }

    /**
     * One row's squared residuals (y - x'b_c)^2 added to what out holds, against the plain sum, for
     * K = 1 to 5 (pairs and a last single one) at an offset into x; a node of that one row gives
     * bitwise the same squares (standard EM's rows and one-row nodes agree exactly).
     */
    @Test
    void addSquaredResidualsAddsThePlainSquares() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int d : DIMS) {
            for (int k = 1; k <= 5; k++) {
                double[] x = new double[2 * d];
                for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
                double y = 3 * rng.nextGaussian();
                double[] b = new double[k * d];
                for (int i = 0; i < b.length; i++) b[i] = rng.nextGaussian();
                double[] out = new double[k + 2];
                for (int c = 0; c < out.length; c++) out[c] = 0.5 + c;
                GramKernels.addSquaredResiduals(x, d, d, y, b, k, out, 1);
                double[] zero = new double[k];
                GramKernels.addSquaredResiduals(x, d, d, y, b, k, zero, 0);
                double[] node = java.util.Arrays.copyOfRange(x, d, 2 * d + 1);
                node[d] = y;
                double[] rss = new double[k];
                GramKernels.rowResiduals(node, 0, 1, d, b, k, rss, 0);
                for (int c = 0; c < k; c++) {
                    double r = y;
                    for (int i = 0; i < d; i++) r -= x[d + i] * b[c * d + i];
                    double want = 1.5 + c + r * r;
                    assertEquals(want, out[1 + c], 1e-12 * want, "d=" + d + " k=" + k + " c=" + c);
                    assertEquals(rss[c], zero[c], 0.0, "one-row node, d=" + d + " c=" + c);
                }
                assertEquals(0.5, out[0], 0.0, "before outOff");
                assertEquals(1.5 + k, out[k + 1], 0.0, "after the K outputs");
            }
        }
    }

    /** w X^T X on the upper triangle from 0 to 9 rows (every remainder of the four-row groups), the rest untouched. */
    @Test
    void addRowsUpperAddsTheWeightedGramOfTheRows() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int d : DIMS) {
            for (int n = 0; n <= 9; n++) {
                double[] x = new double[n * d + 3];
                for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
                int dd = d * d;
                double[] acc = new double[2 * dd];
                java.util.Arrays.fill(acc, 1.0);
                GramKernels.addRowsUpper(acc, dd, x, 0, n, d, 0.75);
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c < d; c++) {
                        double want = 1.0;
                        if (c >= r) for (int i = 0; i < n; i++) want += 0.75 * x[i * d + r] * x[i * d + c];
                        assertEquals(want, acc[dd + r * d + c], 1e-12 * Math.max(1, Math.abs(want)), "d=" + d + " n=" + n);
                        assertEquals(1.0, acc[r * d + c], 0, "outside the target block");
                    }
                }
            }
        }
    }
}
