package io.github.cmlr.em;

import io.github.cmlr.model.NodeStats;

/** The oracle estimator with node labels known: theta = A^{-1} sum_j xi_j s_j. */
public final class Oracle {
    private Oracle() {}

    /** @param labels per node: 0 for xi = +1, 1 for xi = -1 (as {@code Dataset.trueLabels()}) */
    public static double[] estimate(NodeStats stats, int[] labels) {
        throw new UnsupportedOperationException("TODO");
    }
}
