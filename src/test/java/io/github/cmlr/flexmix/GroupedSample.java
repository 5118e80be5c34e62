package io.github.cmlr.flexmix;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import java.util.SplittableRandom;

/**
 * Seeded grouped data from known mixture parameters (a test-side generator for the general
 * model): node j draws z_j from the weights, n_j uniform in [nMin, nMax], features N(0,1) with
 * a leading column of ones when {@code intercept}.
 */
public final class GroupedSample {
    private GroupedSample() {}

    public static Dataset generate(MixtureParams truth, int m, int nMin, int nMax, boolean intercept, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = truth.dim();
        int[] sizes = new int[m];
        int[] z = new int[m];
        int[] off = new int[m + 1];
        for (int j = 0; j < m; j++) {
            sizes[j] = nMin + rng.nextInt(nMax - nMin + 1);
            z[j] = draw(truth.weights(), rng);
            off[j + 1] = off[j] + sizes[j];
        }
        double[] x = new double[off[m] * d];
        double[] y = new double[off[m]];
        for (int j = 0; j < m; j++) {
            double sd = Math.sqrt(truth.sigma2(z[j]));
            for (int r = off[j]; r < off[j + 1]; r++) {
                double mu = 0;
                for (int i = 0; i < d; i++) {
                    double v = intercept && i == 0 ? 1.0 : rng.nextGaussian();
                    x[r * d + i] = v;
                    mu += v * truth.beta(z[j], i);
                }
                y[r] = mu + sd * rng.nextGaussian();
            }
        }
        return new Dataset(d, off, x, y, null, z);
    }

    /**
     * The planted degenerate case: 60 nodes of 5..15 rows (intercept, two features) from two
     * components, plus two one-row nodes near y = 40 that only a third component can explain
     * (fewer rows than its 3 coefficients).
     */
    public static Dataset plantedTwoNodeComponent() {
        MixtureParams truth = new MixtureParams(3, new double[] {1, 2, -1, -1, -0.5, 1.5}, new double[] {0.25, 1.0},
                new double[] {0.3, 0.7});
        Dataset main = generate(truth, 60, 5, 15, true, 24L);
        int rows = main.rows() + 2;
        int[] off = java.util.Arrays.copyOf(main.offsets(), main.nodes() + 3);
        off[main.nodes() + 1] = main.rows() + 1;
        off[main.nodes() + 2] = rows;
        double[] x = java.util.Arrays.copyOf(main.x(), rows * 3);
        double[] y = java.util.Arrays.copyOf(main.y(), rows);
        double[][] planted = {{1, 0.3, -0.2, 40.2}, {1, -0.7, 0.4, 39.5}};
        for (int r = 0; r < 2; r++) {
            System.arraycopy(planted[r], 0, x, (main.rows() + r) * 3, 3);
            y[main.rows() + r] = planted[r][3];
        }
        return new Dataset(3, off, x, y, null, null);
    }

    private static int draw(double[] w, SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int k = 0; k < w.length - 1; k++) {
            u -= w[k];
            if (u < 0) return k;
        }
        return w.length - 1;
    }
}
