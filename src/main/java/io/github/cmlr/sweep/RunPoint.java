package io.github.cmlr.sweep;

import io.github.cmlr.model.SyntheticSpec;

/**
 * One run of a sweep: a grid point and a repetition.
 *
 * @param thetaNorm ||theta*|| when the sweep gives it (then snr = thetaNorm / sigma), else NaN
 * @param backend   the backend axis value, or null when the command line chooses
 */
public record RunPoint(int m, int n, int d, double sigma, double snr, double thetaNorm, double initRadius,
                       String algorithm, String model, int k, String backend, int rep) {

    /** The coordinates that define the dataset, repetition included (backend excluded). */
    public String dataKey() {
        String signal = Double.isNaN(thetaNorm) ? "snr=" + num(snr) : "theta_norm=" + num(thetaNorm);
        return "m=" + m + " n=" + n + " d=" + d + " sigma=" + num(sigma) + " " + signal + " rep=" + rep;
    }

    /** The grid point without the repetition: runs with equal point keys are summarised together. */
    public String pointKey() {
        String signal = Double.isNaN(thetaNorm) ? "snr=" + num(snr) : "theta_norm=" + num(thetaNorm);
        return "m=" + m + " n=" + n + " d=" + d + " sigma=" + num(sigma) + " " + signal
                + " init_radius=" + num(initRadius) + " algorithm=" + algorithm + " model=" + model + " K=" + k
                + (backend == null ? "" : " backend=" + backend);
    }

    /** Unique within a sweep: the key results are stored, resumed and merged under. */
    public String runId() {
        return pointKey() + " rep=" + rep;
    }

    public long dataSeed(long sweepSeed) {
        return Seeds.derive(sweepSeed, "data " + dataKey());
    }

    /** The starting point's seed: shared by all algorithms at one radius on one dataset. */
    public long initSeed(long sweepSeed) {
        return Seeds.derive(dataSeed(sweepSeed), "init " + num(initRadius));
    }

    public SyntheticSpec syntheticSpec(long sweepSeed) {
        return SyntheticSpec.withSnr(m, n, d, sigma, snr, dataSeed(sweepSeed));
    }

    /** A canonical decimal: integers without ".0", otherwise Java's shortest round-trip form. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
