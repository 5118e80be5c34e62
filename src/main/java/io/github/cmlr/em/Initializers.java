package io.github.cmlr.em;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.linalg.SymmetricEigen;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.random.CurandNormalStream;

/** Starting points. */
public final class Initializers {
    /** The paper's default ball radius as a fraction of ||theta*||. */
    public static final double PAPER_RADIUS = 1.0 / 14.0;

    private Initializers() {}

    /**
     * A point uniformly on the sphere of radius fraction * ||theta*|| around theta* (seeded).
     * The direction is the normalised first d values of the cuRAND normal stream keyed by
     * {@link #ballKey(long)} (not by the seed itself, so that a dataset and its start may share a
     * seed without the start pointing along theta*).
     */
    public static double[] ball(double[] thetaStar, double fraction, long seed) {
        int d = thetaStar.length;
        double[] u = new double[d];
        new CurandNormalStream(ballKey(seed)).fill(0, u, 0, d);
        double scale = fraction * Dense.norm(thetaStar) / Dense.norm(u);
        double[] t = new double[d];
        for (int i = 0; i < d; i++) t[i] = thetaStar[i] + scale * u[i];
        return t;
    }

    /** The Philox key used by {@link #ball}: the seed scrambled by the SplitMix64 finaliser. */
    public static long ballKey(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Node-sum spectral start for the symmetric model with sigma known; needs no theta*. Since
     * s_j ~ xi_j n_j theta + noise, the top eigenvector of sum_j s_j s_j^T is the direction of
     * theta; its norm comes from E[y^2] = ||theta||^2 + sigma^2 (x ~ N(0, I)). The sign is
     * arbitrary (theta and -theta describe the same model); the eigenvector's largest entry is
     * made positive so the start is deterministic.
     */
    public static double[] spectral(NodeStats stats, double sigma2) {
        double meanSq = sum(stats.yty()) / stats.totalCount();
        double norm2 = Math.max(meanSq - sigma2, 1e-12 * meanSq);
        return scaled(topDirection(stats).topVector(), Math.sqrt(norm2));
    }

    /**
     * As {@link #spectral(NodeStats, double)} when sigma is unknown: with x ~ N(0, I),
     * E[sum_j s_j s_j^T] = c2 theta theta^T + c1 E[y^2] I with c2 = sum n_j (n_j + 1), c1 = sum n_j,
     * so ||theta||^2 = (lambda_max - c1 * mean y^2) / c2.
     */
    public static double[] spectral(NodeStats stats) {
        SymmetricEigen e = topDirection(stats);
        double c1 = stats.totalCount();
        double c2 = 0;
        for (double n : stats.counts()) c2 += n * (n + 1);
        double meanSq = sum(stats.yty()) / c1;
        double norm2 = Math.max((e.values()[0] - c1 * meanSq) / c2, 1e-12 * meanSq);
        return scaled(e.topVector(), Math.sqrt(norm2));
    }

    /** Eigen-decomposition of sum_j s_j s_j^T. */
    static SymmetricEigen topDirection(NodeStats stats) {
        int d = stats.dim();
        double[] s = stats.xty();
        double[] m = new double[d * d];
        for (int j = 0; j < stats.nodes(); j++) {
            for (int r = 0; r < d; r++) {
                double sr = s[j * d + r];
                for (int c = r; c < d; c++) m[r * d + c] += sr * s[j * d + c];
            }
        }
        Dense.mirrorUpper(m, 0, d);
        return SymmetricEigen.decompose(m, d);
    }

    private static double[] scaled(double[] v, double f) {
        for (int i = 0; i < v.length; i++) v[i] *= f;
        return v;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }
}
