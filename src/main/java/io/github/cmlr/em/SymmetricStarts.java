package io.github.cmlr.em;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.linalg.Cholesky;
import io.github.cmlr.linalg.SymmetricEigen;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Starts of the symmetric model (sigma known) that need no theta*: the node-sum spectral start,
 * a per-node least-squares start, and seeded random directions, each scaled to the norm the data
 * imply (sum_j q_j - N sigma^2 = theta^T A theta in expectation). {@link #fit} runs
 * {@link SymmetricEm} from several of them and keeps the best; {@link MultiStart} is the general
 * model's counterpart.
 */
public final class SymmetricStarts {
    private SymmetricStarts() {}

    /**
     * EM from {@code starts} starts: the first of kind {@code init}, the rest random (start i
     * seeded with {@code seed + i}); the fit with the highest log-likelihood is kept.
     *
     * @param stats per-node statistics the starts are built from (also when units are samples)
     */
    public static MultiStart.Result fit(UnitOps units, NodeStats stats, double sigma2, SymmetricInit init, int starts,
                                        long seed, StoppingRule rule) {
        if (starts < 1) throw new IllegalArgumentException("starts must be >= 1");
        FitResult[] fits = new FitResult[starts];
        String[] kinds = new String[starts];
        for (int i = 0; i < starts; i++) {
            SymmetricInit kind = i == 0 ? init.resolved() : SymmetricInit.RANDOM;
            fits[i] = SymmetricEm.run(units, make(kind, stats, sigma2, seed + i), sigma2, rule, null);
            kinds[i] = kind.name().toLowerCase(Locale.ROOT);
        }
        return MultiStart.summarise(Arrays.asList(fits), kinds, 2);
    }

    /** One starting theta of the given kind ({@code seed} is used by RANDOM only). */
    public static double[] make(SymmetricInit kind, NodeStats stats, double sigma2, long seed) {
        return switch (kind.resolved()) {
            case LSQ -> leastSquares(stats, sigma2);
            case RANDOM -> random(stats, sigma2, seed);
            default -> Initializers.spectral(stats, sigma2);
        };
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
            double[] g = stats.gram(j);
            double[] b = Cholesky.trySolve(g, d, Arrays.copyOfRange(stats.xty(), j * d, (j + 1) * d));
            if (b == null) {
                throw new CmlrException(ExitCode.DATA_INSUFFICIENT, "the least-squares start (init lsq): the features of node '"
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
