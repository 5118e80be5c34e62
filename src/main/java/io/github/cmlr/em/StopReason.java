package io.github.cmlr.em;

/** Why an EM run stopped. */
public enum StopReason {
    /** The error against a known theta* fell to the target. */
    TARGET_ERROR,
    /** The relative parameter change fell below its tolerance. */
    PARAMETER_CHANGE,
    /** The relative log-likelihood change fell below its tolerance. */
    LOGLIK_CHANGE,
    /** The iteration budget ran out before any other rule held. */
    MAX_ITERATIONS,
    /** A degenerate component and the policy said stop. */
    DEGENERATE
}
