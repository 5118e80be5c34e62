package io.github.cmlr.model;

import io.github.cmlr.random.CurandNormalStream;
import java.util.Arrays;

/**
 * Everything that defines a synthetic C-MLR dataset: m nodes of n samples in dimension d, noise
 * sigma, and either an explicit theta* or an SNR (then theta* = SNR * sigma * u with u a random
 * unit vector drawn from the seed). The dataset is a pure function of this spec.
 */
public record SyntheticSpec(int m, int n, int d, double sigma, double[] thetaStar, double snr, long seed) {

    public SyntheticSpec {
        require(m >= 1, "m must be >= 1, got " + m);
        require(n >= 1, "n must be >= 1, got " + n);
        require(d >= 1, "d must be >= 1, got " + d);
        require(sigma > 0 && Double.isFinite(sigma), "sigma must be finite and > 0, got " + sigma);
        if (thetaStar != null) {
            require(thetaStar.length == d, "theta* has " + thetaStar.length + " entries, d = " + d);
            for (double t : thetaStar) require(Double.isFinite(t), "theta* has a non-finite entry");
            thetaStar = thetaStar.clone();
        } else {
            require(snr > 0 && Double.isFinite(snr), "SNR must be finite and > 0, got " + snr);
        }
    }

    /** theta* given by its SNR: ||theta*|| = snr * sigma, direction drawn from the seed. */
    public static SyntheticSpec withSnr(int m, int n, int d, double sigma, double snr, long seed) {
        return new SyntheticSpec(m, n, d, sigma, null, snr, seed);
    }

    public static SyntheticSpec withTheta(int m, int n, int d, double sigma, double[] thetaStar, long seed) {
        return new SyntheticSpec(m, n, d, sigma, thetaStar, Double.NaN, seed);
    }

    public long samples() { return (long) m * n; }

    /** ||theta*||: snr * sigma, or the norm of the given theta* (may overflow to infinity). */
    public double thetaNorm() {
        if (thetaStar == null) return snr * sigma;
        double s = 0;
        for (double t : thetaStar) s = Math.hypot(s, t);
        return s;
    }

    /**
     * A bound on |x| and |y| of the generated data, infinite when a value could overflow: every
     * normal of the stream is at most {@link CurandNormalStream#MAX_ABS}, so |y| <= MAX_ABS
     * (||theta*||_1 + sigma) with ||theta*||_1 <= sqrt(d) ||theta*||.
     */
    public double valueBound() {
        double l1 = 0;
        if (thetaStar != null) {
            for (double t : thetaStar) l1 += Math.abs(t);
        } else {
            l1 = snr * sigma * Math.sqrt(d);
        }
        return CurandNormalStream.MAX_ABS * (l1 + sigma);
    }

    @Override
    public double[] thetaStar() { return thetaStar == null ? null : thetaStar.clone(); }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    @Override
    public String toString() {
        return "SyntheticSpec[m=" + m + ", n=" + n + ", d=" + d + ", sigma=" + sigma
                + (thetaStar != null ? ", theta*=" + Arrays.toString(thetaStar) : ", snr=" + snr) + ", seed=" + seed + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyntheticSpec s && m == s.m && n == s.n && d == s.d && sigma == s.sigma
                && Arrays.equals(thetaStar, s.thetaStar) && Double.compare(snr, s.snr) == 0 && seed == s.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {m, n, d, Double.doubleToLongBits(sigma), Arrays.hashCode(thetaStar),
            Double.doubleToLongBits(snr), seed});
    }
}
