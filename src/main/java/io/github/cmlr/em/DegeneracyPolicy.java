package io.github.cmlr.em;

/** What EM does when a component loses its weight or its variance collapses; always reported. */
public enum DegeneracyPolicy {
    /** Remove the component, renormalise the weights, continue with K - 1. */
    DROP,
    /** Keep the component with its variance floored (and weight at the minimum). */
    FLOOR,
    /** Stop and return the last good parameters with reason DEGENERATE. */
    STOP
}
