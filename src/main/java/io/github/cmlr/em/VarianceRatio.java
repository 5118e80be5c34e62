package io.github.cmlr.em;

/**
 * The M-step's variance update under the ratio constraint sigma_k^2 >= c * max_l sigma_l^2
 * (Ingrassia and Rocci 2007). Given each component's unconstrained ML variance s_k (weighted RSS
 * over weighted rows n_k), the constrained maximiser of sum_k -n_k/2 (log v_k + s_k / v_k) is
 * v_k = clip(s_k, m, m / c) for the best lower bound m. Between consecutive breakpoints (the
 * s_k and c s_k) the clipped sets are fixed and the objective is maximised at
 * m = (sum_low n_k s_k + c sum_high n_k s_k) / (sum_low n_k + sum_high n_k); the best of those
 * and the breakpoints is the answer. Because it is the exact constrained maximiser, EM with it
 * still never decreases the log-likelihood over the constrained parameter space.
 */
public final class VarianceRatio {
    private VarianceRatio() {}

    /**
     * @param s     unconstrained variances (not modified)
     * @param n     weighted rows per component (not modified)
     * @param ratio c in (0, 1]; 0 or less returns {@code s}
     * @return the constrained variances (a new array, or {@code s} itself when it satisfies the bound)
     */
    public static double[] constrain(double[] s, double[] n, double ratio) {
        if (!(ratio > 0) || s.length < 2 || satisfies(s, ratio)) return s;
        double c = Math.min(ratio, 1.0);
        double bestM = Double.NaN;
        double best = Double.NEGATIVE_INFINITY;
        for (double m : candidates(s, n, c)) {
            double f = objective(s, n, m, c);
            if (f > best) {
                best = f;
                bestM = m;
            }
        }
        return clipped(s, bestM, c);
    }

    /** True when min(s) >= c * max(s) (up to rounding). */
    public static boolean satisfies(double[] s, double ratio) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : s) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return min >= ratio * max * (1 - 1e-12);
    }

    /** The breakpoints and, per interval between them, its stationary point clipped into it. */
    private static double[] candidates(double[] s, double[] n, double c) {
        int k = s.length;
        double[] points = new double[2 * k];
        for (int i = 0; i < k; i++) {
            points[2 * i] = s[i];
            points[2 * i + 1] = c * s[i];
        }
        java.util.Arrays.sort(points);
        double[] out = new double[points.length * 2 - 1];
        System.arraycopy(points, 0, out, 0, points.length);
        for (int i = 0; i + 1 < points.length; i++) {
            double mid = 0.5 * (points[i] + points[i + 1]);
            out[points.length + i] = Math.min(Math.max(stationary(s, n, mid, c), points[i]), points[i + 1]);
        }
        return out;
    }

    /** The stationary m for the clipped sets at {@code m}; {@code m} itself when nothing is clipped. */
    private static double stationary(double[] s, double[] n, double m, double c) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] < m) {
                num += n[i] * s[i];
                den += n[i];
            } else if (c * s[i] > m) {
                num += c * n[i] * s[i];
                den += n[i];
            }
        }
        return den > 0 ? num / den : m;
    }

    private static double objective(double[] s, double[] n, double m, double c) {
        if (!(m > 0)) return Double.NEGATIVE_INFINITY;
        double f = 0;
        for (int i = 0; i < s.length; i++) {
            double v = Math.min(Math.max(s[i], m), m / c);
            f -= n[i] * (Math.log(v) + s[i] / v);
        }
        return f;
    }

    private static double[] clipped(double[] s, double m, double c) {
        double[] v = new double[s.length];
        for (int i = 0; i < s.length; i++) v[i] = Math.min(Math.max(s[i], m), m / c);
        return v;
    }
}
