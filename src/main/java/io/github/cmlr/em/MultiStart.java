package io.github.cmlr.em;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.model.NodeStats;

/**
 * Several starts of {@link MixtureEm} without knowledge of the truth (spectral, per-node least
 * squares + k-means++, random partitions), keeping the best log-likelihood.
 */
public final class MultiStart {
    /**
     * @param best           the fit with the highest log-likelihood
     * @param startsAtBest   how many starts reached it (within a relative 1e-6): a trust measure
     * @param allLogLiks     final log-likelihood of every start, in start order
     */
    public record Result(FitResult best, int startsAtBest, double[] allLogLiks, String[] startKinds) {}

    private MultiStart() {}

    /** @param stats per-node statistics used to build the starts (also when units are samples) */
    public static Result fit(UnitOps units, NodeStats stats, int components, int starts, long seed,
                             MixtureOptions options, StoppingRule rule) {
        throw new UnsupportedOperationException("TODO");
    }
}
