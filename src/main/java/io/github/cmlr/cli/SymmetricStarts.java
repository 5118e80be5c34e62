package io.github.cmlr.cli;

import io.github.cmlr.em.Initializers;
import io.github.cmlr.linalg.Cholesky;
import io.github.cmlr.linalg.SymmetricEigen;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Starting points of the symmetric model that need no theta*: the node-sum spectral start, a
 * per-node least-squares start, and seeded random directions. Each is scaled to the norm the
 * data imply: sum_j q_j - N sigma^2 = theta^T A theta in expectation.
 */
final class SymmetricStarts {
    private SymmetricStarts() {}

    static double[] make(FitSettings.Init kind, NodeStats stats, double sigma2, long seed) {
        switch (kind) {
            case SPECTRAL:
            case AUTO:
                return Initializers.spectral(stats, sigma2);
            case LSQ:
                return leastSquares(stats, sigma2);
            case RANDOM:
                return random(stats, sigma2, seed);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    /** A random direction (seeded), scaled to the implied norm. */
    static double[] random(NodeStats stats, double sigma2, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] u = new double[stats.dim()];
        for (int i = 0; i < u.length; i++) u[i] = rnd.nextGaussian();
        return scaleToData(u, stats, sigma2);
    }

    /**
     * Per-node least squares beta_j = G_j^{-1} s_j (each ~ xi_j theta), then the top eigenvector
     * of sum_j beta_j beta_j^T, which does not depend on the unknown signs.
     */
    static double[] leastSquares(NodeStats stats, double sigma2) {
        int d = stats.dim();
        double[] scatter = new double[d * d];
        for (int j = 0; j < stats.nodes(); j++) {
            double[] g = Arrays.copyOfRange(stats.gram(), j * d * d, (j + 1) * d * d);
            double[] b = Cholesky.trySolve(g, d, Arrays.copyOfRange(stats.xty(), j * d, (j + 1) * d));
            if (b == null) {
                throw new CmlrException(ExitCode.DATA_INSUFFICIENT, "--init lsq: the features of node '"
                        + stats.nodeId(j) + "' are linearly dependent, so its least-squares fit is undefined");
            }
            for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) scatter[r * d + c] += b[r] * b[c];
        }
        return scaleToData(SymmetricEigen.decompose(scatter, d).topVector(), stats, sigma2);
    }

    /** Scales direction u so that u^T A u = max(sum q - N sigma^2, small). */
    static double[] scaleToData(double[] u, NodeStats stats, double sigma2) {
        int d = stats.dim();
        double[] a = stats.totalGram();
        double quad = 0;
        for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) quad += u[r] * a[r * d + c] * u[c];
        double signal = 0;
        for (double q : stats.yty()) signal += q;
        signal -= stats.totalCount() * sigma2;
        double floor = 1e-6 * stats.totalCount() * sigma2;
        double scale = quad > 0 ? Math.sqrt(Math.max(signal, floor) / quad) : 1.0;
        double[] theta = u.clone();
        for (int i = 0; i < d; i++) theta[i] *= scale;
        return theta;
    }
}
