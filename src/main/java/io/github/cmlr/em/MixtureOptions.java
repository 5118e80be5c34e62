package io.github.cmlr.em;

/**
 * Options of the general K-component EM.
 *
 * @param sharedVariance one sigma^2 for all components
 * @param fixedWeights   mixing weights held fixed (length K), or null to estimate them
 * @param fixedLabels    per unit: a component index the unit is known to belong to, or -1; null for none
 * @param knownSigma2    variances held fixed (length K), or null to estimate them
 * @param degeneracy     what to do with a component whose weight or variance collapses
 * @param minWeight      a component whose total weight share falls below this is degenerate
 * @param varianceFloor  relative floor: sigma_k^2 >= varianceFloor * (mean of y^2 over all rows);
 *                       a variance that falls below it is degenerate
 * @param bounds         the spurious-solution bounds (variance ratio, rows per parameter)
 * @param sharedColumns  how many leading coefficients are shared by all components (flexmix's
 *                       FLXMRglmfix fixed part; 0 = none): the M-step solves one joint weighted
 *                       least squares ({@link SharedCoefficients})
 * @param concomitant    the units' covariates of the mixing weights ({@link Concomitant}), or null for
 *                       one set of weights
 * @param accelerated    EM steps extrapolated by {@link Squarem} (same maxima, fewer passes on slow
 *                       runs; iterations then count passes, not plain EM steps); off by default, so
 *                       experiments that count EM iterations see plain EM
 *
 * <p>The defaults: per-component variances, weights estimated, no labels, policy DROP,
 * minWeight 1e-6, varianceFloor 1e-8, no spurious-solution bounds (the API's defaults set them).
 */
public record MixtureOptions(boolean sharedVariance, double[] fixedWeights, int[] fixedLabels, double[] knownSigma2,
                             DegeneracyPolicy degeneracy, double minWeight, double varianceFloor, Bounds bounds,
                             int sharedColumns, Concomitant concomitant, boolean accelerated) {

    public MixtureOptions(boolean sharedVariance, double[] fixedWeights, int[] fixedLabels, double[] knownSigma2,
                          DegeneracyPolicy degeneracy, double minWeight, double varianceFloor, Bounds bounds,
                          int sharedColumns, Concomitant concomitant) {
        this(sharedVariance, fixedWeights, fixedLabels, knownSigma2, degeneracy, minWeight, varianceFloor, bounds,
                sharedColumns, concomitant, false);
    }

    public MixtureOptions(boolean sharedVariance, double[] fixedWeights, int[] fixedLabels, double[] knownSigma2,
                          DegeneracyPolicy degeneracy, double minWeight, double varianceFloor, Bounds bounds) {
        this(sharedVariance, fixedWeights, fixedLabels, knownSigma2, degeneracy, minWeight, varianceFloor, bounds, 0, null);
    }

    /** The same options with the first {@code count} coefficients shared by all components. */
    public MixtureOptions withSharedColumns(int count) {
        if (count < 0) throw new IllegalArgumentException("sharedColumns " + count);
        return new MixtureOptions(sharedVariance, fixedWeights, fixedLabels, knownSigma2, degeneracy, minWeight, varianceFloor,
                bounds, count, concomitant, accelerated);
    }

    /**
     * Bounds against the degenerate maxima of the mixture likelihood (0 disables each).
     *
     * @param minVarianceRatio    c: every sigma_k^2 >= c * max_l sigma_l^2, imposed in the M-step
     *                            by the constrained variance update ({@link VarianceRatio})
     * @param minRowsPerParameter r: a component whose expected rows sum_u gamma_uk n_u fall below
     *                            r * (d + 1) (its coefficients and variance) is degenerate
     */
    public record Bounds(double minVarianceRatio, double minRowsPerParameter) {
        public static final Bounds NONE = new Bounds(0, 0);

        /** The fewest expected rows a component with d coefficients may have. */
        public double minRows(int dim) {
            return minRowsPerParameter * (dim + 1);
        }
    }

    public static MixtureOptions defaults() {
        return new MixtureOptions(false, null, null, null, DegeneracyPolicy.DROP, 1e-6, 1e-8, Bounds.NONE);
    }

    public MixtureOptions withBounds(Bounds b) {
        return new MixtureOptions(sharedVariance, fixedWeights, fixedLabels, knownSigma2, degeneracy, minWeight, varianceFloor, b, sharedColumns, concomitant, accelerated);
    }

    public MixtureOptions withSharedVariance(boolean shared) {
        return new MixtureOptions(shared, fixedWeights, fixedLabels, knownSigma2, degeneracy, minWeight, varianceFloor, bounds, sharedColumns, concomitant, accelerated);
    }

    public MixtureOptions withFixedWeights(double[] w) {
        return new MixtureOptions(sharedVariance, w, fixedLabels, knownSigma2, degeneracy, minWeight, varianceFloor, bounds, sharedColumns, concomitant, accelerated);
    }

    public MixtureOptions withFixedLabels(int[] labels) {
        return new MixtureOptions(sharedVariance, fixedWeights, labels, knownSigma2, degeneracy, minWeight, varianceFloor, bounds, sharedColumns, concomitant, accelerated);
    }

    public MixtureOptions withKnownSigma2(double[] s2) {
        return new MixtureOptions(sharedVariance, fixedWeights, fixedLabels, s2, degeneracy, minWeight, varianceFloor, bounds, sharedColumns, concomitant, accelerated);
    }

    public MixtureOptions withDegeneracy(DegeneracyPolicy p) {
        return new MixtureOptions(sharedVariance, fixedWeights, fixedLabels, knownSigma2, p, minWeight, varianceFloor, bounds, sharedColumns, concomitant, accelerated);
    }

    public MixtureOptions withMinWeight(double w) {
        return new MixtureOptions(sharedVariance, fixedWeights, fixedLabels, knownSigma2, degeneracy, w, varianceFloor, bounds, sharedColumns, concomitant, accelerated);
    }

    public MixtureOptions withVarianceFloor(double f) {
        return new MixtureOptions(sharedVariance, fixedWeights, fixedLabels, knownSigma2, degeneracy, minWeight, f, bounds, sharedColumns, concomitant, accelerated);
    }

    public MixtureOptions withConcomitant(Concomitant c) {
        return new MixtureOptions(sharedVariance, fixedWeights, fixedLabels, knownSigma2, degeneracy, minWeight, varianceFloor, bounds,
                sharedColumns, c, accelerated);
    }

    /** The same options with {@link Squarem} extrapolation on or off. */
    public MixtureOptions withAcceleration(boolean on) {
        return new MixtureOptions(sharedVariance, fixedWeights, fixedLabels, knownSigma2, degeneracy, minWeight, varianceFloor, bounds,
                sharedColumns, concomitant, on);
    }
}
