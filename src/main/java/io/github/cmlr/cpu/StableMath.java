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
            double e = Math.exp(l[off + c] - max);
            gamma[off + c] = e;
            sum += e;
        }
        double inv = 1.0 / sum; // sum >= 1: the maximum contributes exp(0)
        for (int c = 0; c < k; c++) gamma[off + c] *= inv;
        return max + Math.log(sum);
    }
}
