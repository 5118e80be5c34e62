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

    private static int draw(double[] w, SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int k = 0; k < w.length - 1; k++) {
            u -= w[k];
            if (u < 0) return k;
        }
        return w.length - 1;
    }
}
