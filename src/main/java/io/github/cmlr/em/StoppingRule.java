package io.github.cmlr.em;

/**
 * When EM stops. A tolerance of 0 (or a NaN target) disables that rule; maxIterations always
 * applies. {@code targetError} only applies to synthetic runs where theta* is known.
 */
public record StoppingRule(int maxIterations, double relParamTol, double relLogLikTol, double targetError) {

    public StoppingRule {
        if (maxIterations < 0) throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        if (!(relParamTol >= 0)) throw new IllegalArgumentException("relParamTol must be >= 0");
        if (!(relLogLikTol >= 0)) throw new IllegalArgumentException("relLogLikTol must be >= 0");
    }

    /** Defaults for real data: 500 iterations, relative tolerances 1e-8 (parameters) and 1e-10 (log-likelihood). */
    public static StoppingRule defaults() {
        return new StoppingRule(500, 1e-8, 1e-10, Double.NaN);
    }

    /** Only an iteration budget. */
    public static StoppingRule iterations(int max) {
        return new StoppingRule(max, 0, 0, Double.NaN);
    }

    /**
     * At most {@code steps} iterations (and never more than this rule's budget) with this rule's
     * tolerances: a short screening run that has already converged stops there.
     */
    public StoppingRule brief(int steps) {
        return new StoppingRule(Math.min(steps, maxIterations), relParamTol, relLogLikTol, Double.NaN);
    }

    public StoppingRule withTarget(double target) {
        return new StoppingRule(maxIterations, relParamTol, relLogLikTol, target);
    }

    public boolean hasTarget() {
        return !Double.isNaN(targetError);
    }
}
