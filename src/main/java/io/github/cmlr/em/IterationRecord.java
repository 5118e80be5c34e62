package io.github.cmlr.em;

/**
 * One row of an EM trace. Iteration 0 is the starting point. {@code error} is NaN when theta*
 * is unknown; {@code paramChange} is NaN at iteration 0.
 */
public record IterationRecord(int iteration, double error, double logLik, double paramChange) {}
