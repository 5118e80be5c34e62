package io.github.cmlr.cli;

import io.github.cmlr.em.FitResult;
import java.util.List;

/**
 * The result of a fit as the report needs it.
 *
 * @param best            the fit with the highest log-likelihood over all starts
 * @param logLik          the full log-likelihood of {@code best} (constants included)
 * @param parameters      number of free parameters (for AIC/BIC)
 * @param startsAtBest    starts that reached the best log-likelihood (relative 1e-6)
 * @param startLogLiks    final log-likelihood of each start, in start order
 * @param startKinds      how each start was made
 * @param posteriors      units x posteriorColumns.size(), row-major
 * @param posteriorColumns names of the posterior columns
 * @param emNanos         wall time of all starts
 */
record FitOutcome(FitResult best, double logLik, int parameters, int startsAtBest, double[] startLogLiks,
                  String[] startKinds, double[] posteriors, List<String> posteriorColumns, long emNanos) {

    /** Counts the starts whose log-likelihood is within a relative 1e-6 of the best. */
    static int countAtBest(double[] logLiks, double best) {
        int c = 0;
        for (double l : logLiks) if (Math.abs(l - best) <= 1e-6 * Math.max(1.0, Math.abs(best))) c++;
        return c;
    }
}
