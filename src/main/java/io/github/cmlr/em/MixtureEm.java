package io.github.cmlr.em;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;

/**
 * EM for the general K-component mixture of linear regressions over units: node units give the
 * grouped model (one latent label per node, flexmix's {@code y ~ x | g}), sample units the
 * ungrouped one. E-step by log-sum-exp ({@link UnitOps#posteriors}), M-step by Cholesky solves of
 * the weighted normal equations ({@link MixtureMStep}). The one reference implementation of both
 * variants; the loop itself is in {@link MixtureRun}.
 *
 * <p>Numerical care: a component whose weight share falls below {@code minWeight}, whose variance
 * falls below the floor, or whose weighted normal equations are singular is degenerate; the
 * {@link DegeneracyPolicy} decides (drop it, keep it floored / ridged, or stop with the last good
 * parameters) and every case is reported in {@link FitResult#warnings()} by its original component
 * index. A singular X^T X over all data is an error ({@link ExitCode#FIT_FAILED}). Results never
 * contain NaN.
 */
public final class MixtureEm {
    private MixtureEm() {}

    /** @param thetaStarBetas true coefficients (K blocks of d) for error traces, or null */
    public static FitResult run(UnitOps units, MixtureParams start, MixtureOptions options, StoppingRule rule,
                                double[] thetaStarBetas) {
        validate(units, start, options);
        SymmetricEm.factorGram(units); // a singular X^T X is the data's fault, not a component's
        return new MixtureRun(units, start, options, rule, thetaStarBetas).run();
    }

    /**
     * Per-unit log-likelihoods log sum_k pi_k f_k(unit) at {@code params} (fixed labels are not
     * applied); their sum is the log-likelihood {@link UnitOps#posteriors} returns.
     */
    public static double[] unitLogLiks(UnitOps units, MixtureParams params) {
        int k = params.components();
        int u = units.units();
        double[] gamma = new double[u * k];
        double[] l = new double[u * k];
        units.posteriors(params, gamma, l);
        double[] out = new double[u];
        for (int i = 0; i < u; i++) out[i] = logSumExp(l, i * k, k);
        return out;
    }

    /** Number of free parameters (for AIC/BIC) of a fit with these options and K components. */
    public static int freeParameters(int components, int dim, MixtureOptions options) {
        int shared = options.sharedColumns();
        int p = shared + components * (dim - shared);
        if (options.knownSigma2() == null) p += options.sharedVariance() ? 1 : components;
        int terms = options.concomitant() == null ? 1 : options.concomitant().terms();
        if (options.fixedWeights() == null) p += (components - 1) * terms;
        return p;
    }

    static double logSumExp(double[] l, int off, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) max = Math.max(max, l[off + c]);
        if (!(max > Double.NEGATIVE_INFINITY)) return Double.NEGATIVE_INFINITY;
        double s = 0;
        for (int c = 0; c < k; c++) s += Math.exp(l[off + c] - max);
        return max + Math.log(s);
    }

    private static void validate(UnitOps units, MixtureParams start, MixtureOptions o) {
        int k = start.components();
        if (start.dim() != units.dim()) throw new IllegalArgumentException("start has d = " + start.dim());
        if (k > units.units()) {
            throw new CmlrException(ExitCode.DATA_INSUFFICIENT,
                    "K = " + k + " components but only " + units.units() + " units (nodes or samples)");
        }
        for (int c = 0; c < k; c++) {
            if (!(start.sigma2(c) > 0) || !Double.isFinite(start.sigma2(c))) {
                throw new IllegalArgumentException("start sigma2 of component " + c + " must be > 0");
            }
        }
        if (o.fixedLabels() != null && o.fixedLabels().length != units.units()) {
            throw new IllegalArgumentException("fixedLabels needs one entry per unit (" + units.units() + ")");
        }
        if (o.fixedWeights() != null && o.fixedWeights().length != k) throw new IllegalArgumentException("fixedWeights length");
        if (o.knownSigma2() != null && o.knownSigma2().length != k) throw new IllegalArgumentException("knownSigma2 length");
        if (o.concomitant() != null && o.fixedWeights() != null) {
            throw new IllegalArgumentException("fixed weights and a concomitant model exclude each other");
        }
        if (o.sharedColumns() >= units.dim()) throw new IllegalArgumentException("sharedColumns must leave a varying coefficient");
    }
}
