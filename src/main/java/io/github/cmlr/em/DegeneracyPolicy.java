package io.github.cmlr.em;

/**
 * What EM does with a degenerate component: weight share below minWeight, variance below the
 * floor, or singular weighted normal equations. Every case is reported in
 * {@link FitResult#warnings()} by the component's original number (1-based, as in reports).
 */
public enum DegeneracyPolicy {
    /**
     * Remove the component, renormalise the weights, continue with K - 1 (a component that holds
     * labelled units is kept as under FLOOR). When every component degenerates the fit fails.
     */
    DROP,
    /** Keep the component: variance floored, weight at least minWeight, singular equations solved with a tiny ridge. */
    FLOOR,
    /** Stop and return the last good parameters with reason DEGENERATE. */
    STOP
}
