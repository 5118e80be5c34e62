package io.github.cmlr.em;

import io.github.cmlr.model.NodeStats;

/** Starting points. */
public final class Initializers {
    /** The paper's default ball radius as a fraction of ||theta*||. */
    public static final double PAPER_RADIUS = 1.0 / 14.0;

    private Initializers() {}

    /** A point uniformly on the sphere of radius fraction * ||theta*|| around theta* (seeded). */
    public static double[] ball(double[] thetaStar, double fraction, long seed) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Node-sum spectral start for the symmetric model; needs no theta*. */
    public static double[] spectral(NodeStats stats) {
        throw new UnsupportedOperationException("TODO");
    }
}
