package io.github.cmlr.em;

import io.github.cmlr.model.MixtureParams;

/**
 * The state of a concomitant model inside one EM run: its coefficients and every unit's priors.
 * The backend's E-step uses the weights of {@link MixtureParams}; {@link #reweigh} replaces
 * their {@code log pi_k} by each unit's {@code log pi_uk}, so every backend serves concomitant
 * fits unchanged. Immutable.
 */
final class ConcomitantPriors {
    private final Concomitant model;
    private final int k;
    private final double[] coef;
    private final double[] pi;

    private ConcomitantPriors(Concomitant model, int k, double[] coef) {
        this.model = model;
        this.k = k;
        this.coef = coef;
        this.pi = new double[model.units() * k];
        model.priors(coef, k, pi);
    }

    /** The state at the start: every unit's prior the start's weights. */
    static ConcomitantPriors start(Concomitant model, MixtureParams start, int units) {
        if (model.units() != units) {
            throw new IllegalArgumentException("concomitant design has " + model.units() + " rows for " + units + " units");
        }
        return new ConcomitantPriors(model, start.components(), model.startCoefficients(start.weights()));
    }

    /** K x terms, row-major, row 0 zero (a copy). */
    double[] coefficients() { return coef.clone(); }

    /** The mean prior of each component over the units (what the E-step's weights stand for). */
    double[] meanWeights() {
        double[] w = new double[k];
        int units = model.units();
        for (int u = 0; u < units; u++) for (int c = 0; c < k; c++) w[c] += pi[u * k + c];
        for (int c = 0; c < k; c++) w[c] /= units;
        return w;
    }

    /**
     * Turns the backend's {@code l_uk} (made with {@code params}' weights) into those with each
     * unit's priors, and the posteriors with them.
     *
     * @param l     in: the backend's l_uk; out: with the unit priors
     * @param gamma output, the posteriors
     * @return the log-likelihood
     */
    double reweigh(MixtureParams params, double[] l, double[] gamma) {
        double[] logW = new double[k];
        for (int c = 0; c < k; c++) logW[c] = Math.log(params.weight(c));
        double ll = 0;
        for (int u = 0; u < model.units(); u++) {
            int off = u * k;
            for (int c = 0; c < k; c++) l[off + c] += Math.log(pi[off + c]) - logW[c];
            double lse = MixtureEm.logSumExp(l, off, k);
            for (int c = 0; c < k; c++) gamma[off + c] = Math.exp(l[off + c] - lse);
            ll += lse;
        }
        return ll;
    }

    /** The state after the M-step for these posteriors. */
    ConcomitantPriors next(double[] tau) {
        return new ConcomitantPriors(model, k, ConcomitantMStep.maximise(model, tau, k, coef));
    }

    /** Without the dropped components; the first one kept becomes the baseline. */
    ConcomitantPriors dropped(boolean[] drop) {
        int q = model.terms();
        int first = -1;
        int keep = 0;
        for (int c = 0; c < k; c++) {
            if (drop[c]) continue;
            if (first < 0) first = c;
            keep++;
        }
        double[] out = new double[keep * q];
        for (int c = 0, p = 0; c < k; c++) {
            if (drop[c]) continue;
            for (int t = 0; t < q; t++) out[p * q + t] = coef[c * q + t] - coef[first * q + t];
            p++;
        }
        return new ConcomitantPriors(model, keep, out);
    }
}
