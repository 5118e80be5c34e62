package io.github.cmlr.cli;

/** The standard normal upper tail, for p-values of z statistics. */
final class Normal {
    private Normal() {}

    /**
     * P(Z > z) = erfc(z / sqrt 2) / 2, with erfc by the Chebyshev fit of Numerical Recipes
     * (relative error below 1.2e-7 everywhere), enough for printed p-values.
     */
    static double upperTail(double z) {
        if (Double.isNaN(z)) return Double.NaN;
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }
}
