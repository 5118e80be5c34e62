package io.github.cmlr.sweep;

import io.github.cmlr.em.StoppingRule;

/**
 * A sweep's stopping rule.
 *
 * @param maxIter      EM iteration budget
 * @param target       the target error (runs record the first iteration that reaches it)
 * @param stopAtTarget stop as soon as the target is reached; false runs on to maxIter or paramTol,
 *                     so that the final error is the converged one (for error-vs-mn slopes)
 * @param paramTol     relative parameter change that ends a run (0: off)
 */
public record Stopping(int maxIter, Target target, boolean stopAtTarget, double paramTol) {

    /** The EM stopping rule for one run whose target error is {@code targetError}. */
    public StoppingRule rule(double targetError) {
        return new StoppingRule(maxIter, paramTol, 0, stopAtTarget ? targetError : Double.NaN);
    }
}
