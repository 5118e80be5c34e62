package io.github.cmlr.cpu;

/** Scalar functions written to neither overflow nor lose precision at large arguments. */
public final class StableMath {
    private static final double LOG2 = Math.log(2.0);
    /** From here on exp(-2|a|) < 2^-54: tanh a rounds to +-1 and log cosh a to |a| - log 2. */
    private static final double SATURATED = 19.0;
    /** exp(t) is exactly 0 below this (the smallest subnormal is 4.9e-324). */
    private static final double EXP_UNDERFLOW = -746.0;

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
        if (x >= SATURATED) {
            // e < 2^-54: 1 - e and 1 + e round to 1 and x + log(1 + e) to x, so this is bitwise the general path
            w[u] = a < 0 ? -1.0 : 1.0;
            return x - LOG2;
        }
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
            double t = v - max;
            // exp(0) is exactly 1 and exp(t) exactly 0 far below: skip the call (same bits)
            double e = t == 0 ? 1.0 : t < EXP_UNDERFLOW ? 0.0 : Math.exp(t);
            gamma[off + c] = e;
            sum += e;
        }
        double inv = 1.0 / sum; // sum >= 1: the maximum contributes exp(0)
        for (int c = 0; c < k; c++) gamma[off + c] *= inv;
        return sum == 1.0 ? max + 0.0 : max + Math.log(sum); // log 1 is exactly 0
    }
}
