package io.github.cmlr.sweep;

/**
 * The target error of a sweep: a constant, or {@code c * sigma * sqrt(d / (m n))}, the statistical
 * accuracy the paper proves clustered EM reaches.
 *
 * @param constant the fixed target, or NaN when scaled
 * @param c        the factor of sigma * sqrt(d/(mn)), or NaN when constant
 */
public record Target(double constant, double c) {

    public static Target constant(double value) {
        return new Target(value, Double.NaN);
    }

    public static Target scaled(double c) {
        return new Target(Double.NaN, c);
    }

    public boolean isScaled() {
        return !Double.isNaN(c);
    }

    /** The target error for one run. */
    public double value(double sigma, int d, int m, int n) {
        return isScaled() ? c * sigma * Math.sqrt(d / ((double) m * n)) : constant;
    }

    @Override
    public String toString() {
        return isScaled() ? c + " * sigma * sqrt(d/(mn))" : Double.toString(constant);
    }
}
