package io.github.cmlr.em;

/** The stopping tests shared by every EM loop, applied in the order target, parameters, log-likelihood. */
final class Convergence {
    private Convergence() {}

    /**
     * @param iteration     EM steps taken so far (0 = the start)
     * @param error         error against theta*, NaN when unknown
     * @param prevLogLik    log-likelihood before the step (NaN at iteration 0)
     * @param paramChange   relative parameter change of the step (NaN at iteration 0 or when
     *                      the number of components changed)
     * @return why to stop now, or null to continue
     */
    static StopReason check(StoppingRule rule, int iteration, double error, double prevLogLik, double logLik,
                            double paramChange) {
        if (rule.hasTarget() && error <= rule.targetError()) return StopReason.TARGET_ERROR;
        if (iteration > 0 && rule.relParamTol() > 0 && paramChange < rule.relParamTol()) {
            return StopReason.PARAMETER_CHANGE;
        }
        if (iteration > 0 && rule.relLogLikTol() > 0
                && Math.abs(logLik - prevLogLik) <= rule.relLogLikTol() * Math.max(Math.abs(prevLogLik), 1e-300)) {
            return StopReason.LOGLIK_CHANGE;
        }
        if (iteration >= rule.maxIterations()) return StopReason.MAX_ITERATIONS;
        return null;
    }

    /** ||next - prev|| / ||prev|| (||next - prev|| when prev is 0). */
    static double relativeChange(double[] prev, double[] next) {
        double diff = 0;
        double base = 0;
        for (int i = 0; i < prev.length; i++) {
            double t = next[i] - prev[i];
            diff += t * t;
            base += prev[i] * prev[i];
        }
        return base > 0 ? Math.sqrt(diff / base) : Math.sqrt(diff);
    }
}
