package io.github.cmlr.em;

import io.github.cmlr.model.MixtureParams;
import java.util.List;

/**
 * The outcome of one EM run.
 *
 * @param params       final estimates; for the symmetric model K = 2 with beta_2 = -beta_1
 * @param logLik       log-likelihood at {@code params} (symmetric model: up to a constant)
 * @param trace        iteration 0 (the start) .. iterations
 * @param iterations   EM steps taken
 * @param reason       why it stopped
 * @param posteriors   per-unit posteriors at the final parameters, units x K row-major
 *                     (symmetric model: one column, the tanh weight); may be null
 * @param warnings     degenerate components and the action taken, each naming the component
 * @param nanos        wall time of the iterations (excluding the statistics pass)
 * @param concomitant  the concomitant model's coefficients, K x terms row-major (row 0 zero: the
 *                     first component is the baseline), or null without one; {@code params}'
 *                     weights are then the mean priors over the units
 */
public record FitResult(MixtureParams params, double logLik, List<IterationRecord> trace, int iterations,
                        StopReason reason, double[] posteriors, List<String> warnings, long nanos, double[] concomitant) {

    /** A fit without a concomitant model. */
    public FitResult(MixtureParams params, double logLik, List<IterationRecord> trace, int iterations, StopReason reason,
                     double[] posteriors, List<String> warnings, long nanos) {
        this(params, logLik, trace, iterations, reason, posteriors, warnings, nanos, null);
    }

    /** The symmetric model's theta (beta of component 0). */
    public double[] theta() {
        return params.beta(0);
    }

    public boolean converged() {
        return reason != StopReason.MAX_ITERATIONS && reason != StopReason.DEGENERATE;
    }

    /** Final error against theta* (NaN when unknown). */
    public double finalError() {
        return trace.get(trace.size() - 1).error();
    }
}
