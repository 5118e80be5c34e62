package io.github.cmlr.em;

import io.github.cmlr.model.Dataset;
import java.util.SplittableRandom;

/**
 * Test-side generator of grouped data from a general K-component model: node j has label
 * j % K (or a random label), x ~ N(0, I) with an optional intercept column of ones first,
 * y = x^T beta_k + sigma_k * N(0, 1).
 */
final class MixtureData {
    private MixtureData() {}

    /**
     * @param betas  K blocks of d (d counts the intercept column when {@code intercept})
     * @param sizes  rows of each node
     */
    static Dataset generate(double[] betas, double[] sigmas, int[] sizes, boolean intercept, long seed) {
        int k = sigmas.length;
        int d = betas.length / k;
        int m = sizes.length;
        int[] offsets = new int[m + 1];
        for (int j = 0; j < m; j++) offsets[j + 1] = offsets[j] + sizes[j];
        int rows = offsets[m];
        double[] x = new double[rows * d];
        double[] y = new double[rows];
        int[] labels = new int[m];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int j = 0; j < m; j++) {
            int c = j % k;
            labels[j] = c;
            for (int r = offsets[j]; r < offsets[j + 1]; r++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    double v = intercept && i == 0 ? 1.0 : rng.nextGaussian();
                    x[r * d + i] = v;
                    dot += v * betas[c * d + i];
                }
                y[r] = dot + sigmas[c] * rng.nextGaussian();
            }
        }
        return new Dataset(d, offsets, x, y, null, labels);
    }

    static int[] sizes(int m, int n) {
        int[] s = new int[m];
        java.util.Arrays.fill(s, n);
        return s;
    }

    /** Unequal node sizes n_min .. n_max drawn from the seed. */
    static int[] sizes(int m, int nMin, int nMax, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] s = new int[m];
        for (int j = 0; j < m; j++) s[j] = nMin + rng.nextInt(nMax - nMin + 1);
        return s;
    }
}
