package io.github.cmlr.cli;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.selection.GroupedFit;
import io.github.cmlr.em.selection.ModelSelection;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Parallel;
import java.util.List;

/** The clustered mixture of {@code fit}: {@link GroupedFit} (K range, starts, standard errors) as a {@link FitOutcome}. */
final class RealDataRunner {
    private RealDataRunner() {}

    static FitOutcome mixture(FitSettings s, FitInput in, UnitOps units, Backend backend, MixtureOptions options,
                              RealDataOptions realData) {
        if (realData.labelsColumn != null && !in.info().columns().hasLabels()) {
            throw new CmlrException(ExitCode.DATA_FORMAT, in.info().file() + ": no column '" + realData.labelsColumn
                    + "' (--labels-col) in the header " + in.info().columns().header());
        }
        int[] fileLabels = realData.labelsColumn != null ? in.info().nodes().labels(true) : null;
        GroupedFit.Request request = realData.request(s, options, fileLabels, Parallel.defaultThreads());
        long t0 = System.nanoTime();
        GroupedFit.Outcome g = RealDataOptions.run(units, backend, in, request);
        long emNanos = System.nanoTime() - t0;
        ModelSelection.KFit chosen = g.selection().chosen();
        MultiStart.Result r = chosen.fit();
        FitResult best = r.best();
        MixtureParams p = best.params();
        int k = p.components();
        String[] names = new String[k];
        for (int c = 0; c < k; c++) names[c] = "p" + (c + 1);
        double[] post = null;
        if (s.posteriors() != null) {
            post = best.posteriors().clone(); // at the final parameters, fixed labels applied
        }
        return new FitOutcome(best, best.logLik(), chosen.freeParams(), r.startsAtBest(), r.allLogLiks(), r.startKinds(),
                post, List.of(names), emNanos, g);
    }
}
