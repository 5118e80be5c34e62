package io.github.cmlr.api;

import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.IterationRecord;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.inference.ParameterLayout;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.em.selection.ModelSelection;
import io.github.cmlr.model.Scaling;
import java.util.ArrayList;
import java.util.List;

/**
 * A fit made on rescaled data ({@link FitData#scaling()}), told in the data's own units: the
 * description's known sigma goes into the fitted units; estimates, log-likelihoods (traces,
 * starts, every K of the selection, so AIC, BIC and ICL) and standard errors come back.
 * Posteriors, weights, iteration counts and likelihood-ratio statistics (differences of
 * log-likelihoods, each shifted alike) do not depend on the units.
 */
final class Rescaled {
    private Rescaled() {}

    /** The description in the fitted units: a known sigma scales with the response. */
    static ModelSpec spec(ModelSpec s, Scaling scaling, String source) {
        if (s.sigma() == null) return s;
        double sigma = scaling.sigmaToScaled(s.sigma());
        if (!(sigma * sigma >= Double.MIN_NORMAL) || !Double.isFinite(sigma * sigma)) {
            throw new InvalidModelException(InvalidModelException.Reason.SIGMA_OFF_SCALE, s.sigma(), source, scaling.responseScale());
        }
        return new ModelSpec(s.model(), s.algorithm(), s.k(), sigma, s.sharedVariance(), s.starts(),
                s.seed(), s.stopping(), s.init(), s.degeneracy(), s.criterion(), s.standardErrors(), s.bootstrap(),
                s.fixedWeights(), s.labelsColumn(), s.minVarianceRatio(), s.minRowsPerParameter(), s.minWeight(), s.lrtBootstrap(), s.fixed(),
                s.concomitant(), s.accelerated());
    }

    /** The fit in the data's own units, described by the user's {@code original} description. */
    static ModelFit toOriginal(ModelFit f, ModelSpec original, Scaling s) {
        double rows = f.data().rows();
        double shift = s.logLikToOriginal(0, rows);
        List<String> warnings = new ArrayList<>(f.warnings());
        warnings.add("the data were rescaled by powers of two to keep their squares finite (" + s
                + "); estimates and log-likelihoods are in the data's own units, the trace's parameter changes in the rescaled ones");
        ModelFit.StartSummary st = f.starts();
        ModelFit.StartSummary starts = new ModelFit.StartSummary(st.requested(), st.seed(), st.reachedBest(), shifted(st.logLiks(), shift),
                st.kinds(), st.candidates(), st.screenedNodes());
        return new ModelFit(original, f.data(), s.toOriginal(f.estimates()), f.logLik() + shift, f.parameters(), f.iterations(),
                f.stopReason(), shifted(f.trace(), shift), warnings, starts, f.posteriors(),
                f.selection() == null ? null : selection(f.selection(), s, shift),
                f.errors() == null ? null : errors(f.errors(), s), f.lrt(), f.backend(), f.timings(), f.concomitant());
    }

    private static ModelSelection.Result selection(ModelSelection.Result r, Scaling s, double shift) {
        List<ModelSelection.KFit> fits = new ArrayList<>();
        for (ModelSelection.KFit k : r.fits()) {
            MultiStart.Result m = k.fit();
            FitResult b = m.best();
            FitResult best = new FitResult(s.toOriginal(b.params()), b.logLik() + shift, shifted(b.trace(), shift), b.iterations(),
                    b.reason(), b.posteriors(), b.warnings(), b.nanos(), b.concomitant());
            MultiStart.Result multi = m.with(best, shifted(m.allLogLiks(), shift));
            // -2 log L moves by -2 shift in every criterion
            fits.add(new ModelSelection.KFit(k.k(), multi, k.components(), k.freeParams(), k.logLik() + shift, k.aic() - 2 * shift,
                    k.bic() - 2 * shift, k.icl() - 2 * shift, k.entropy(), k.suspects()));
        }
        return new ModelSelection.Result(fits, r.criterion(), r.chosenK());
    }

    /** Coefficient errors (and their covariances) scale like the coefficients; variance errors like variances. */
    private static StandardErrors errors(StandardErrors e, Scaling s) {
        if (!e.available()) return e;
        ParameterLayout layout = e.layout();
        int d = layout.dim();
        double[] beta = e.beta().clone();
        for (int k = 0; k < layout.components(); k++) {
            for (int i = 0; i < d; i++) beta[k * d + i] = s.coefficientToOriginal(i, beta[k * d + i]);
        }
        double[] sigma2 = e.sigma2() == null ? null : e.sigma2().clone();
        int er2 = 2 * Math.getExponent(s.responseScale());
        if (sigma2 != null) for (int k = 0; k < sigma2.length; k++) sigma2[k] = Math.scalb(sigma2[k], -er2);
        double[] cov = e.covariance() == null ? null : e.covariance().clone();
        if (cov != null) {
            // by binary exponents (Math.scalb), so no factor over- or underflows on its own
            int p = layout.size();
            int[] exponent = new int[p];
            int er = Math.getExponent(s.responseScale());
            for (int k = 0; k < layout.components(); k++) {
                for (int i = 0; i < d; i++) exponent[layout.beta(k, i)] = Math.getExponent(s.featureScales()[i]) - er;
            }
            for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) cov[a * p + b] = Math.scalb(cov[a * p + b], exponent[a] + exponent[b]);
        }
        StandardErrors.Bootstrap b = e.bootstrap();
        if (b != null && b.analytic() != null) {
            b = new StandardErrors.Bootstrap(b.replicates(), b.used(), b.seed(), errors(b.analytic(), s), b.comparison());
        }
        return new StandardErrors(e.method(), layout, cov, beta, sigma2, e.weights(), e.logSigma(), e.logOdds(), e.warnings(), b);
    }

    private static double[] shifted(double[] logLiks, double shift) {
        double[] out = logLiks.clone();
        for (int i = 0; i < out.length; i++) out[i] += shift;
        return out;
    }

    private static List<IterationRecord> shifted(List<IterationRecord> trace, double shift) {
        List<IterationRecord> out = new ArrayList<>(trace.size());
        for (IterationRecord r : trace) out.add(new IterationRecord(r.iteration(), r.error(), r.logLik() + shift, r.paramChange()));
        return out;
    }
}
