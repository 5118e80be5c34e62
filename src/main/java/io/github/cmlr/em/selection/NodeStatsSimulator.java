package io.github.cmlr.em.selection;

import io.github.cmlr.linalg.SymmetricEigen;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.SplittableRandom;

/**
 * Draws the per-node statistics of a dataset simulated from a fitted grouped mixture, keeping
 * every node's design (n_j, G_j), without the rows (a streamed fit does not hold them).
 *
 * <p>Derivation. Node j has design X (n x d), G = X'X, and draws y = X beta + sigma e with
 * e ~ N(0, I_n) for its component z (beta = beta_z, sigma = sigma_z). Write the eigen-decomposition
 * G = V diag(lambda) V' and keep the r eigenvalues above a relative tolerance (r = rank X, which is
 * below d when n < d or columns are collinear); let F = V_r diag(lambda_r)^{1/2} (d x r), so
 * G = F F'. The thin SVD of X is X = U_r diag(lambda_r)^{1/2} V_r' with U_r (n x r) orthonormal,
 * hence X'e = F u with u = U_r' e ~ N(0, I_r), and P = U_r U_r' projects on col(X), so
 * e'e = e'Pe + e'(I - P)e = u'u + c with c ~ chi^2(n - r) independent of u. Then
 * <pre>
 *   s = X'y = G beta + sigma F u = F w,        w = F' beta + sigma u   (r-vector)
 *   q = y'y = beta'G beta + 2 sigma beta'F u + sigma^2 (u'u + c) = w'w + sigma^2 c
 * </pre>
 * (F'beta has squared length beta'G beta). So s ~ N(G beta, sigma^2 G) and
 * E q = beta'G beta + n sigma^2, Var q = 4 sigma^2 beta'G beta + 2 n sigma^4, exactly as for
 * rows drawn in full; the rows are never needed.
 *
 * <p>Components: a node with a known label (0-based, {@code labels[j] >= 0}) draws from that
 * component, every other node from the fitted weights. Normals by the polar method and chi^2 by
 * sums of squares (small degrees of freedom) or Marsaglia-Tsang gamma variates, all from the
 * given {@link SplittableRandom}, so a seed gives the same dataset on every JVM.
 */
public final class NodeStatsSimulator {
    /** Eigenvalues below this x the largest (and x d) count as zero: rank(X) = the rest. */
    private static final double RANK_TOL = 1e-12;
    /** Up to this many degrees of freedom chi^2 is a sum of squared normals. */
    private static final int DIRECT_CHI2 = 16;

    private final NodeStats stats;
    /** Per node the d x d factor F (row-major; columns beyond the rank are zero). */
    private final double[] factors;
    private final int[] ranks;

    public NodeStatsSimulator(NodeStats stats) {
        this.stats = stats;
        int d = stats.dim();
        int m = stats.nodes();
        factors = new double[m * d * d];
        ranks = new int[m];
        double[] g = new double[d * d];
        for (int j = 0; j < m; j++) {
            stats.gram(j, g, 0);
            ranks[j] = factor(g, d, factors, j * d * d);
        }
    }

    /** Rank of node j's design, as the simulation uses it. */
    public int rank(int j) {
        return ranks[j];
    }

    /**
     * A simulated dataset: the same nodes, counts and Gram matrices, new s_j and q_j.
     *
     * @param labels per node a known component (0-based) or -1, or null
     */
    public NodeStats draw(MixtureParams p, int[] labels, SplittableRandom rng) {
        int d = stats.dim();
        int m = stats.nodes();
        double[] xty = new double[m * d];
        double[] yty = new double[m];
        double[] one = new double[d];
        for (int j = 0; j < m; j++) {
            int z = labels != null && labels[j] >= 0 ? labels[j] : component(p, rng);
            yty[j] = drawNode(j, p.beta(z), Math.sqrt(p.sigma2(z)), rng, one);
            System.arraycopy(one, 0, xty, j * d, d);
        }
        return stats.withResponses(xty, yty);
    }

    /**
     * One node's statistics for y = X_j beta + sigma e.
     *
     * @param s out: the d entries of s_j = X_j'y (overwritten)
     * @return q_j = y'y
     */
    public double drawNode(int j, double[] beta, double sigma, SplittableRandom rng, double[] s) {
        int d = stats.dim();
        int base = j * d * d;
        int r = ranks[j];
        double q = 0;
        java.util.Arrays.fill(s, 0);
        for (int c = 0; c < r; c++) {
            double w = sigma * normal(rng);
            for (int i = 0; i < d; i++) w += factors[base + i * d + c] * beta[i];
            q += w * w;
            for (int i = 0; i < d; i++) s[i] += factors[base + i * d + c] * w;
        }
        int residualDf = (int) Math.round(stats.counts()[j]) - r;
        return q + sigma * sigma * chiSquare(residualDf, rng);
    }

    /** Writes F = V_r diag(lambda_r)^{1/2} of g into out[at..]; returns r. */
    private static int factor(double[] g, int d, double[] out, int at) {
        SymmetricEigen e = SymmetricEigen.decompose(g, d);
        double top = e.values()[0];
        int r = 0;
        for (int c = 0; c < d; c++) {
            double lambda = e.values()[c];
            if (!(top > 0) || lambda <= RANK_TOL * d * top) break;
            double root = Math.sqrt(lambda);
            for (int i = 0; i < d; i++) out[at + i * d + c] = e.vectors()[i * d + c] * root;
            r++;
        }
        return r;
    }

    private static int component(MixtureParams p, SplittableRandom rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int k = 0; k < p.components() - 1; k++) {
            acc += p.weight(k);
            if (u < acc) return k;
        }
        return p.components() - 1;
    }

    /** A standard normal by the polar (Marsaglia) method. */
    static double normal(SplittableRandom rng) {
        while (true) {
            double a = 2 * rng.nextDouble() - 1;
            double b = 2 * rng.nextDouble() - 1;
            double s = a * a + b * b;
            if (s > 0 && s < 1) return a * Math.sqrt(-2 * StrictMath.log(s) / s);
        }
    }

    /** chi^2 with df >= 0 degrees of freedom (0 gives 0). */
    static double chiSquare(int df, SplittableRandom rng) {
        if (df <= DIRECT_CHI2) {
            double sum = 0;
            for (int i = 0; i < df; i++) {
                double x = normal(rng);
                sum += x * x;
            }
            return sum;
        }
        return 2 * gamma(0.5 * df, rng);
    }

    /** Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang 2000). */
    private static double gamma(double shape, SplittableRandom rng) {
        double dd = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * dd);
        while (true) {
            double x = normal(rng);
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.nextDouble();
            if (StrictMath.log(u) < 0.5 * x * x + dd - dd * v + dd * StrictMath.log(v)) return dd * v;
        }
    }
}
