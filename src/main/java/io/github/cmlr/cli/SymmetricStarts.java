package io.github.cmlr.cli;

import io.github.cmlr.em.Initializers;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
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
                return Initializers.spectral(stats);
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
        double[] g = new double[d * d];
        double[] b = new double[d];
        for (int j = 0; j < stats.nodes(); j++) {
            System.arraycopy(stats.gram(), j * d * d, g, 0, d * d);
            System.arraycopy(stats.xty(), j * d, b, 0, d);
            if (!choleskySolve(g, b, d)) {
                throw new CmlrException(ExitCode.DATA_INSUFFICIENT, "--init lsq: the features of node '"
                        + stats.nodeId(j) + "' are linearly dependent, so its least-squares fit is undefined");
            }
            for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) scatter[r * d + c] += b[r] * b[c];
        }
        return scaleToData(topEigenvector(scatter, d), stats, sigma2);
    }

    /** Solves G b = rhs in place (G overwritten by its factor, b by the solution); false if G is not positive definite. */
    static boolean choleskySolve(double[] g, double[] b, int d) {
        for (int c = 0; c < d; c++) {
            double diag = g[c * d + c];
            for (int k = 0; k < c; k++) diag -= g[c * d + k] * g[c * d + k];
            if (!(diag > 1e-12 * Math.max(1.0, Math.abs(g[c * d + c])))) return false;
            double l = Math.sqrt(diag);
            g[c * d + c] = l;
            for (int r = c + 1; r < d; r++) {
                double v = g[r * d + c];
                for (int k = 0; k < c; k++) v -= g[r * d + k] * g[c * d + k];
                g[r * d + c] = v / l;
            }
        }
        for (int r = 0; r < d; r++) {
            double v = b[r];
            for (int k = 0; k < r; k++) v -= g[r * d + k] * b[k];
            b[r] = v / g[r * d + r];
        }
        for (int r = d - 1; r >= 0; r--) {
            double v = b[r];
            for (int k = r + 1; k < d; k++) v -= g[k * d + r] * b[k];
            b[r] = v / g[r * d + r];
        }
        return true;
    }

    /** Power iteration on a symmetric positive semi-definite matrix; a unit vector. */
    static double[] topEigenvector(double[] a, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) v[i] = 1.0 / Math.sqrt(d) * (1 + 0.01 * i); // not orthogonal to the top direction in practice
        double[] next = new double[d];
        for (int it = 0; it < 500; it++) {
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int c = 0; c < d; c++) s += a[r * d + c] * v[c];
                next[r] = s;
            }
            double norm = Math.sqrt(dot(next, next));
            if (norm == 0) return v;
            double change = 0;
            for (int i = 0; i < d; i++) {
                double nv = next[i] / norm;
                change = Math.max(change, Math.abs(nv - v[i]));
                v[i] = nv;
            }
            if (change < 1e-12) break;
        }
        return v;
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

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
