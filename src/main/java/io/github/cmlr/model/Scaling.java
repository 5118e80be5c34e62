package io.github.cmlr.model;

import java.util.Arrays;

/**
 * An exact change of units for regression data: feature i is multiplied by
 * {@code featureScales[i]} and the response by {@code responseScale}, every scale a power of
 * two. Fitting works on data of any magnitude this way (features of 1e200 or 1e-200 whose squares
 * overflow or underflow, a noise sd of 1e-300) and reports on the original scale through
 * {@link #toOriginal(MixtureParams)}. Multiplying by a power of two is exact (short of overflow
 * or underflow), so scaling and unscaling lose nothing, and data already of moderate size gets
 * scales of 1 and is left bitwise unchanged.
 *
 * <p>With x'_i = c_i x_i and y' = r y, the model y = x^T beta + N(0, sigma^2) becomes
 * y' = x'^T beta' + N(0, sigma'^2) with beta'_i = r beta_i / c_i and sigma' = r sigma; weights and
 * posteriors are unchanged; the full log-likelihood of N rows changes by N log r (the Jacobian),
 * the symmetric model's (up to its constant) not at all.
 *
 * @param featureScales c_i, one per feature column (the intercept's is 1)
 * @param responseScale r
 */
public record Scaling(double[] featureScales, double responseScale) {

    public Scaling {
        featureScales = featureScales.clone();
        for (double c : featureScales) requirePowerOfTwo(c);
        requirePowerOfTwo(responseScale);
    }

    /** Scales of 1: the data as it is. */
    public static Scaling identity(int dim) {
        double[] ones = new double[dim];
        Arrays.fill(ones, 1.0);
        return new Scaling(ones, 1.0);
    }

    /**
     * Magnitudes in [2^-MODERATE, 2^MODERATE) are left alone: their squares, summed over any
     * number of rows a Java array holds, stay far inside the double range.
     */
    public static final int MODERATE = 64;

    /**
     * The scale for a column whose typical magnitude is |v|: 1 when it is moderate, else 2^-e for
     * v = m 2^e (bringing it to [1, 2)), kept a normal double (at most 2^1023: a subnormal v comes
     * out small but normal). 1 for 0.
     */
    public static double scaleFor(double v) {
        if (v == 0 || !Double.isFinite(v)) return 1.0;
        int e = Math.getExponent(v);
        if (e < Double.MIN_EXPONENT) e = Math.getExponent(v * 0x1p64) - 64; // subnormal
        if (e >= -MODERATE && e < MODERATE) return 1.0;
        return Math.scalb(1.0, Math.max(Double.MIN_EXPONENT, Math.min(Double.MAX_EXPONENT, -e)));
    }

    /** Scales from the largest magnitude of each column and of the response (the in-memory path). */
    public static Scaling of(Dataset data) {
        int d = data.dim();
        double[] maxAbs = new double[d];
        double[] x = data.x();
        for (int r = 0; r < data.rows(); r++) {
            for (int i = 0; i < d; i++) maxAbs[i] = Math.max(maxAbs[i], Math.abs(x[r * d + i]));
        }
        double yMax = 0;
        for (double v : data.y()) yMax = Math.max(yMax, Math.abs(v));
        double[] c = new double[d];
        for (int i = 0; i < d; i++) c[i] = scaleFor(maxAbs[i]);
        return new Scaling(c, scaleFor(yMax));
    }

    /**
     * Scales from finite per-node statistics: the root mean square of each feature (from the
     * diagonal of sum_j G_j) and of the response (from sum_j q_j).
     */
    public static Scaling of(NodeStats stats) {
        int d = stats.dim();
        double[] a = stats.totalGram();
        double n = stats.totalCount();
        double[] c = new double[d];
        for (int i = 0; i < d; i++) c[i] = scaleFor(Math.sqrt(a[i * d + i] / n));
        double q = 0;
        for (double v : stats.yty()) q += v;
        return new Scaling(c, scaleFor(Math.sqrt(q / n)));
    }

    public int dim() {
        return featureScales.length;
    }

    /** This change of units followed by {@code after}: one scaling with the products of the scales. */
    public Scaling then(Scaling after) {
        requireDim(after.dim());
        double[] c = new double[dim()];
        for (int i = 0; i < c.length; i++) c[i] = featureScales[i] * after.featureScales[i];
        return new Scaling(c, responseScale * after.responseScale);
    }

    @Override
    public double[] featureScales() {
        return featureScales.clone();
    }

    public boolean isIdentity() {
        for (double c : featureScales) if (c != 1.0) return false;
        return responseScale == 1.0;
    }

    /** The data in the new units (new arrays; node layout, ids and labels shared). */
    public Dataset apply(Dataset data) {
        requireDim(data.dim());
        int d = data.dim();
        double[] x = data.x().clone();
        for (int r = 0; r < data.rows(); r++) {
            for (int i = 0; i < d; i++) x[r * d + i] *= featureScales[i];
        }
        double[] y = data.y().clone();
        for (int r = 0; r < y.length; r++) y[r] *= responseScale;
        String[] ids = null;
        if (data.hasNodeIds()) {
            ids = new String[data.nodes()];
            for (int j = 0; j < ids.length; j++) ids[j] = data.nodeId(j);
        }
        return new Dataset(d, data.offsets(), x, y, ids, data.trueLabels());
    }

    /**
     * The statistics in the new units: G'_ab = c_a c_b G_ab, s'_a = c_a r s_a, q' = r^2 q
     * (exact while the statistics themselves are finite and normal).
     */
    public NodeStats apply(NodeStats stats) {
        requireDim(stats.dim());
        return stats.rescaled(featureScales, responseScale);
    }

    /** Parameters given in original units (a start, known variances) in the new units. */
    public MixtureParams toScaled(MixtureParams p) {
        return map(p, true);
    }

    /** Parameters fitted in the new units, in the original units. */
    public MixtureParams toOriginal(MixtureParams p) {
        return map(p, false);
    }

    /** A noise sd in original units, in the new units. */
    public double sigmaToScaled(double sigma) {
        return sigma * responseScale;
    }

    /** A value of coefficient i (or its standard error) fitted in the new units, in the original units. */
    public double coefficientToOriginal(int i, double scaledValue) {
        return Math.scalb(scaledValue, Math.getExponent(featureScales[i]) - Math.getExponent(responseScale));
    }

    /** The full log-likelihood of {@code rows} rows, fitted in the new units, in the original units. */
    public double logLikToOriginal(double scaledLogLik, double rows) {
        return scaledLogLik + rows * Math.log(responseScale);
    }

    /** Maps by exponents (Math.scalb), so no intermediate product overflows or underflows. */
    private MixtureParams map(MixtureParams p, boolean toScaled) {
        requireDim(p.dim());
        int d = p.dim();
        int k = p.components();
        int sign = toScaled ? -1 : 1;
        int er = Math.getExponent(responseScale);
        double[] beta = p.betaFlat();
        double[] s2 = p.sigma2();
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                beta[c * d + i] = Math.scalb(beta[c * d + i], sign * (Math.getExponent(featureScales[i]) - er));
            }
            s2[c] = Math.scalb(s2[c], -sign * 2 * er);
        }
        return new MixtureParams(d, beta, s2, p.weights());
    }

    private void requireDim(int d) {
        if (d != featureScales.length) throw new IllegalArgumentException("scaling of " + featureScales.length + " features applied to " + d);
    }

    private static void requirePowerOfTwo(double c) {
        if (!(c >= Double.MIN_NORMAL) || !Double.isFinite(c) || c != Math.scalb(1.0, Math.getExponent(c))) {
            throw new IllegalArgumentException("a scale must be a power of two and a normal double, got " + c);
        }
    }

    /**
     * Scales chosen while streaming, one row at a time: a column's scale is fixed by its first
     * non-zero value, so every earlier row held 0 there and is unaffected by the choice. Scales
     * each row in place before it reaches the statistics.
     */
    public static final class Chooser {
        private final double[] c;
        private final boolean[] fixed;
        private double r = 1.0;
        private boolean responseFixed;

        public Chooser(int dim) {
            c = new double[dim];
            Arrays.fill(c, 1.0);
            fixed = new boolean[dim];
        }

        /** Scales the features in place and returns the scaled response. */
        public double scaleRow(double[] x, double y) {
            for (int i = 0; i < c.length; i++) {
                if (!fixed[i] && x[i] != 0) {
                    c[i] = scaleFor(x[i]);
                    fixed[i] = true;
                }
                x[i] *= c[i];
            }
            if (!responseFixed && y != 0) {
                r = scaleFor(y);
                responseFixed = true;
            }
            return y * r;
        }

        /** False while every response seen was 0 (a response identically zero cannot be fitted). */
        public boolean responseSeen() {
            return responseFixed;
        }

        public Scaling scaling() {
            return new Scaling(c, r);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scaling s && Arrays.equals(featureScales, s.featureScales) && responseScale == s.responseScale;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(featureScales) + Double.hashCode(responseScale);
    }

    @Override
    public String toString() {
        return "Scaling[features=" + Arrays.toString(featureScales) + ", response=" + responseScale + "]";
    }
}
