package io.github.cmlr.gpu;

/**
 * The documented GPU-vs-CPU tolerances (README, section gpu), each on
 * {@code max |gpu - cpu| / max(1, max |cpu|)}. Why they are not zero: the device's log, tanh and
 * sincospi differ from Java's by a few ulps, and the GPU sums in a different (fixed) order.
 */
public final class Tolerances {
    /** Generated x and y: a few ulps of the Box-Muller transform, then one dot product. */
    public static final double DATA = 1e-12;
    /** Per-node statistics: sums of n products in a different order. */
    public static final double STATISTICS = 1e-11;
    /** Posterior weights (tanh / softmax) at the same parameters, and the M-step sums. */
    public static final double POSTERIORS = 1e-9;
    /** Log-likelihood at the same parameters, and at each iteration. */
    public static final double LOG_LIKELIHOOD = 1e-9;
    /** Parameters after each EM iteration: rounding differences pass through a d x d solve. */
    public static final double PARAMETERS = 1e-8;

    private Tolerances() {}
}
