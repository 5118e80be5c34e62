package io.github.cmlr.em.inference;

import io.github.cmlr.em.Concomitant;
import io.github.cmlr.model.MixtureParams;

/**
 * Node-specific mixing weights for inference: a concomitant model and its fitted coefficients
 * ({@link Concomitant}). {@link #at} gives the parameters with node j's priors in place of the
 * weights, so the per-node formulas of {@link NodeLogLik} apply unchanged.
 *
 * @param model        the concomitant design, one row per node
 * @param coefficients K x terms, row-major, row 0 zero
 */
public record NodePriors(Concomitant model, double[] coefficients) {

    /** {@code params} with node j's priors as its weights. */
    public MixtureParams at(int j, MixtureParams params) {
        int k = params.components();
        double[] w = new double[k];
        model.priorsOf(j, coefficients, k, new double[k], w, 0);
        return new MixtureParams(params.dim(), params.betaFlat(), params.sigma2(), w);
    }

    /** Node j's covariate row (a new array). */
    public double[] z(int j) {
        double[] z = new double[model.terms()];
        for (int t = 0; t < z.length; t++) z[t] = model.z(j, t);
        return z;
    }

    public int terms() { return model.terms(); }
}
