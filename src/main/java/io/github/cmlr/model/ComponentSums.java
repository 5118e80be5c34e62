package io.github.cmlr.model;

import io.github.cmlr.linalg.Dense;

/**
 * Weighted sums that form the M-step's normal equations, per component k:
 * {@code G_k = sum_u gamma_uk X_u^T X_u}, {@code s_k = sum_u gamma_uk X_u^T y_u},
 * {@code q_k = sum_u gamma_uk y_u^T y_u}, {@code n_k = sum_u gamma_uk n_u},
 * {@code w_k = sum_u gamma_uk}, where a unit u is a node (grouped models) or a sample
 * (ungrouped models). Everything the M-step needs, including the variance, follows from these.
 * Mutable output buffer, filled by a backend.
 */
public final class ComponentSums {
    public final int components;
    public final int dim;
    /** K blocks of d*d, row-major. */
    public final double[] gram;
    /** K blocks of d. */
    public final double[] xty;
    public final double[] yty;
    public final double[] count;
    public final double[] weight;

    public ComponentSums(int components, int dim) {
        this.components = components;
        this.dim = dim;
        this.gram = new double[components * dim * dim];
        this.xty = new double[components * dim];
        this.yty = new double[components];
        this.count = new double[components];
        this.weight = new double[components];
    }

    /**
     * Weighted residual sum of squares of component k at coefficients b:
     * {@code q_k - 2 b^T s_k + b^T G_k b}, clamped at 0 against rounding.
     */
    public double weightedRss(int k, double[] b) {
        double quad = Dense.quadForm(gram, k * dim * dim, b, 0, dim);
        double lin = 0;
        for (int r = 0; r < dim; r++) lin += b[r] * xty[k * dim + r];
        return Math.max(0.0, yty[k] - 2 * lin + quad);
    }
}
