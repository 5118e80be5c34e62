package io.github.cmlr.em;

/** Error measures. */
public final class Errors {
    private Errors() {}

    /** min(||theta - theta*||, ||theta + theta*||): theta* is identifiable only up to sign. */
    public static double signInvariant(double[] theta, double[] thetaStar) {
        double minus = 0;
        double plus = 0;
        for (int i = 0; i < theta.length; i++) {
            double a = theta[i] - thetaStar[i];
            double b = theta[i] + thetaStar[i];
            minus += a * a;
            plus += b * b;
        }
        return Math.sqrt(Math.min(minus, plus));
    }
}
