package io.github.cmlr.cpu;

/** Scalar functions written to neither overflow nor lose precision at large arguments. */
public final class StableMath {
    private static final double LOG2 = Math.log(2.0);

    private StableMath() {}

    /** log cosh(a) = |a| + log1p(exp(-2|a|)) - log 2: no overflow for any finite a. */
    public static double logCosh(double a) {
        double x = Math.abs(a);
        return x + Math.log1p(Math.exp(-2 * x)) - LOG2;
    }

    /**
     * Writes {@code w[u] = tanh(a)} and returns log cosh(a), both from one exponential:
     * with e = exp(-2|a|), tanh|a| = (1 - e) / (1 + e) and log cosh a = |a| + log(1 + e) - log 2.
     * Below |a| = 1/4 the difference 1 - e would lose digits, so expm1 gives it instead; both
     * results are then accurate to a few ulps (log(1 + e) to an absolute 2^-52, as log1p would be
     * in this sum), at a third of the cost of tanh plus logCosh.
     */
    public static double tanhAndLogCosh(double a, double[] w, int u) {
        double x = Math.abs(a);
        double t;
        double log1pE;
        if (x < 0.25) {
            double em = Math.expm1(-2 * x); // e - 1, exactly enough
            t = -em / (2 + em);
            log1pE = Math.log(2 + em);
        } else {
            double e = Math.exp(-2 * x);
            t = (1 - e) / (1 + e);
            log1pE = Math.log(1 + e);
        }
        w[u] = a < 0 ? -t : t;
        return x + log1pE - LOG2;
    }

    /**
     * Turns the K log-weights {@code l[off .. off+k)} into probabilities written to
     * {@code gamma[off .. off+k)} by the log-sum-exp trick and returns logsumexp(l). Entries of
     * -infinity get probability 0. When no entry is finite (every component impossible) the
     * probabilities are uniform and -infinity is returned, so no NaN ever reaches the caller.
     */
    public static double softmax(double[] l, int off, int k, double[] gamma) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) max = Math.max(max, l[off + c]);
        if (!(max > Double.NEGATIVE_INFINITY) || max == Double.POSITIVE_INFINITY) {
            for (int c = 0; c < k; c++) gamma[off + c] = 1.0 / k;
            return max == Double.POSITIVE_INFINITY ? max : Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double v = l[off + c];
            double e = v == max ? 1.0 : Math.exp(v - max); // exp(0) is exactly 1: skip the call
            gamma[off + c] = e;
            sum += e;
        }
        double inv = 1.0 / sum; // sum >= 1: the maximum contributes exp(0)
        for (int c = 0; c < k; c++) gamma[off + c] *= inv;
        return max + Math.log(sum);
    }
}
