package io.github.cmlr.model;

import java.util.Arrays;

/**
 * Parameters of a K-component mixture of linear regressions: coefficients {@code beta}
 * (K blocks of d), noise variances {@code sigma2} (K), mixing weights {@code weights} (K).
 * Immutable: accessors return copies where noted.
 */
public final class MixtureParams {
    private final int k;
    private final int dim;
    private final double[] beta;
    private final double[] sigma2;
    private final double[] weights;

    public MixtureParams(int dim, double[] beta, double[] sigma2, double[] weights) {
        this.k = sigma2.length;
        this.dim = dim;
        if (beta.length != k * dim || weights.length != k) throw new IllegalArgumentException("inconsistent lengths");
        this.beta = beta.clone();
        this.sigma2 = sigma2.clone();
        this.weights = weights.clone();
    }

    /** The paper's symmetric model as a 2-component mixture: beta = (theta, -theta), equal weights. */
    public static MixtureParams symmetric(double[] theta, double sigma2) {
        int d = theta.length;
        double[] b = new double[2 * d];
        for (int i = 0; i < d; i++) {
            b[i] = theta[i];
            b[d + i] = -theta[i];
        }
        return new MixtureParams(d, b, new double[] {sigma2, sigma2}, new double[] {0.5, 0.5});
    }

    public int components() { return k; }
    public int dim() { return dim; }
    public double beta(int comp, int i) { return beta[comp * dim + i]; }
    public double[] beta(int comp) { return Arrays.copyOfRange(beta, comp * dim, (comp + 1) * dim); }
    /** All coefficients, K blocks of d (a copy). */
    public double[] betaFlat() { return beta.clone(); }
    public double sigma2(int comp) { return sigma2[comp]; }
    public double[] sigma2() { return sigma2.clone(); }
    public double weight(int comp) { return weights[comp]; }
    public double[] weights() { return weights.clone(); }

    /** The same mixture with its components reordered: component k of the result is {@code perm[k]} of this. */
    public MixtureParams permuted(int[] perm) {
        if (perm.length != k) throw new IllegalArgumentException("permutation has " + perm.length + " entries, K = " + k);
        double[] b = new double[k * dim];
        double[] s2 = new double[k];
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            System.arraycopy(beta, perm[c] * dim, b, c * dim, dim);
            s2[c] = sigma2[perm[c]];
            w[c] = weights[perm[c]];
        }
        return new MixtureParams(dim, b, s2, w);
    }

    /** Largest absolute difference of any coefficient, variance or weight. */
    public double maxAbsDiff(MixtureParams o) {
        double m = 0;
        for (int i = 0; i < beta.length; i++) m = Math.max(m, Math.abs(beta[i] - o.beta[i]));
        for (int i = 0; i < k; i++) {
            m = Math.max(m, Math.abs(sigma2[i] - o.sigma2[i]));
            m = Math.max(m, Math.abs(weights[i] - o.weights[i]));
        }
        return m;
    }

    @Override
    public String toString() {
        return "MixtureParams[K=" + k + ", beta=" + Arrays.toString(beta) + ", sigma2=" + Arrays.toString(sigma2)
                + ", weights=" + Arrays.toString(weights) + "]";
    }
}
