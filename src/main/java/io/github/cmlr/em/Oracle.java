package io.github.cmlr.em;

import io.github.cmlr.linalg.Cholesky;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;

/** The oracle estimator with node labels known: theta = A^{-1} sum_j xi_j s_j. */
public final class Oracle {
    private Oracle() {}

    /** @param labels per node: 0 for xi = +1, 1 for xi = -1 (as {@code Dataset.trueLabels()}) */
    public static double[] estimate(NodeStats stats, int[] labels) {
        int d = stats.dim();
        if (labels.length != stats.nodes()) throw new IllegalArgumentException("one label per node expected");
        double[] rhs = new double[d];
        double[] s = stats.xty();
        for (int j = 0; j < stats.nodes(); j++) {
            double xi = labels[j] == 0 ? 1.0 : -1.0;
            for (int i = 0; i < d; i++) rhs[i] += xi * s[j * d + i];
        }
        Cholesky a = Cholesky.factor(stats.totalGram(), d);
        if (a == null) throw new CmlrException(ExitCode.FIT_FAILED, "oracle: X^T X is singular");
        a.solveInPlace(rhs);
        return rhs;
    }
}
