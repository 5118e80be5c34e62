package io.github.cmlr.cli;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.MixtureEm;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.SymmetricEm;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.Progress;
import java.util.Arrays;
import java.util.List;

/** Runs the requested EM (symmetric or mixture, over nodes or rows) with its starts. */
final class FitRunner {
    private FitRunner() {}

    static FitOutcome run(FitSettings s, FitInput in, Backend backend, Progress progress) {
        UnitOps raw = s.grouped() ? backend.nodeUnits(in.stats()) : backend.sampleUnits(in.dataset());
        try (UnitOps units = ProgressUnitOps.wrap(raw, progress)) {
            FitOutcome outcome = s.symmetric() ? symmetric(s, in, units) : mixture(s, in, units);
            progress.done();
            return outcome;
        }
    }

    private static FitOutcome symmetric(FitSettings s, FitInput in, UnitOps units) {
        double sigma2 = s.sigma() * s.sigma();
        long t0 = System.nanoTime();
        FitResult best = null;
        double[] logLiks = new double[s.starts()];
        String[] kinds = new String[s.starts()];
        for (int i = 0; i < s.starts(); i++) {
            FitSettings.Init kind = i == 0 ? s.symmetricInit() : FitSettings.Init.RANDOM;
            double[] theta0 = SymmetricStarts.make(kind, in.stats(), sigma2, s.seed() + i);
            FitResult r = SymmetricEm.run(units, theta0, sigma2, s.rule(), null);
            logLiks[i] = r.logLik();
            kinds[i] = kind.name().toLowerCase(java.util.Locale.ROOT);
            if (best == null || r.logLik() > best.logLik()) best = r;
        }
        long emNanos = System.nanoTime() - t0;
        double[] theta = best.theta();
        // the full log-likelihood (constants included) is the general E-step's at (theta, -theta)
        double[] gamma = new double[units.units() * 2];
        double logLik = units.posteriors(MixtureParams.symmetric(theta, sigma2), gamma, null);
        double[] post = null;
        if (s.posteriors() != null) {
            double[] w = new double[units.units()];
            units.symmetricWeights(theta, sigma2, w);
            post = new double[units.units() * 3];
            for (int u = 0; u < w.length; u++) {
                post[3 * u] = w[u];
                post[3 * u + 1] = 0.5 * (1 + w[u]);
                post[3 * u + 2] = 0.5 * (1 - w[u]);
            }
        }
        return new FitOutcome(best, logLik, in.dim(), FitOutcome.countAtBest(logLiks, best.logLik()), logLiks, kinds,
                post, List.of("w", "p_plus", "p_minus"), emNanos);
    }

    private static FitOutcome mixture(FitSettings s, FitInput in, UnitOps units) {
        MixtureOptions options = MixtureOptions.defaults().withSharedVariance(s.sharedVariance())
                .withDegeneracy(s.degeneracy());
        if (s.sigma() != null) {
            double[] s2 = new double[s.k()];
            Arrays.fill(s2, s.sigma() * s.sigma());
            options = options.withKnownSigma2(s2);
        }
        long t0 = System.nanoTime();
        MultiStart.Result r = MultiStart.fit(units, in.stats(), s.k(), s.starts(), s.seed(), options, s.rule());
        long emNanos = System.nanoTime() - t0;
        FitResult best = r.best();
        MixtureParams p = best.params();
        int k = p.components();
        int parameters = MixtureEm.freeParameters(k, p.dim(), options);
        double[] post = null;
        String[] names = new String[k];
        for (int c = 0; c < k; c++) names[c] = "p" + (c + 1);
        if (s.posteriors() != null) {
            post = new double[units.units() * k];
            units.posteriors(p, post, null);
        }
        return new FitOutcome(best, best.logLik(), parameters, r.startsAtBest(), r.allLogLiks(), r.startKinds(),
                post, List.of(names), emNanos);
    }
}
