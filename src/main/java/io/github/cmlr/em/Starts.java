package io.github.cmlr.em;

import io.github.cmlr.linalg.Cholesky;
import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.SplittableRandom;

/**
 * Starting points for the general model that need no knowledge of the truth. Each start is a
 * partition of the nodes into K groups; {@link #fromPartition} turns it into parameters by least
 * squares per group. Deterministic given the random generator's seed.
 */
public final class Starts {
    /** Lloyd iterations after the k-means++ seeding. */
    static final int LLOYD_ITERATIONS = 10;

    private Starts() {}

    /**
     * Parameters from a partition of the nodes: beta_k = least squares over group k's nodes
     * (with a tiny ridge when singular), sigma_k^2 = its RSS per row (floored at 1e-6 of mean y^2),
     * pi_k = the group's share of nodes. Empty groups get the pooled fit and a small weight.
     *
     * @param labels group of every node (read only)
     */
    public static MixtureParams fromPartition(NodeStats stats, int[] labels, int k) {
        return GroupSums.of(stats, labels, k).params();
    }

    /** Uniformly random groups, each group guaranteed at least one node (needs m >= k). */
    public static int[] randomPartition(int m, int k, SplittableRandom rng) {
        int[] labels = new int[m];
        for (int j = 0; j < m; j++) labels[j] = rng.nextInt(k);
        int[] order = permutation(m, rng);
        for (int c = 0; c < k && c < m; c++) labels[order[c]] = c;
        return labels;
    }

    /**
     * K = 2 spectral split: the sign of each node's projection of its centred s_j on the top
     * eigenvector of sum_j c_j c_j^T, c_j = s_j - n_j * (sum s / sum n). For C-MLR data s_j ~
     * n_j beta_{z_j}, so the split separates the two components.
     */
    public static int[] spectralPartition(NodeStats stats) {
        int d = stats.dim();
        int m = stats.nodes();
        double[] mean = sum(stats.xty(), m, d);
        for (int i = 0; i < d; i++) mean[i] /= stats.totalCount();
        double[] centred = new double[m * d];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) centred[j * d + i] = stats.xty()[j * d + i] - stats.counts()[j] * mean[i];
        }
        double[] m2 = new double[d * d];
        for (int j = 0; j < m; j++) {
            for (int r = 0; r < d; r++) {
                for (int c = r; c < d; c++) m2[r * d + c] += centred[j * d + r] * centred[j * d + c];
            }
        }
        Dense.mirrorUpper(m2, 0, d);
        double[] v = io.github.cmlr.linalg.SymmetricEigen.decompose(m2, d).topVector();
        int[] labels = new int[m];
        for (int j = 0; j < m; j++) labels[j] = Dense.dot(centred, j * d, v, 0, d) >= 0 ? 0 : 1;
        return labels;
    }

    /**
     * Per-node least squares estimates for the k-means starts, computed once per fit: nodes with
     * n_j > d and non-singular G_j have a point z_j = D V^T beta_j (V D^2 V^T the pooled X^T X / N,
     * so Euclidean distances between points are distances between the fitted lines on the data's
     * own x) and the weight n_j (its precision, up to sigma^2); the other nodes have none.
     *
     * @param points   per node z_j, or null
     * @param weights  per node n_j
     * @param scale    D (eigenvalues' square roots) and V, to map centres back to coefficients (null
     *                 when no node has an estimate)
     */
    public record NodeEstimates(double[][] points, double[] weights, int eligible, double[] scale, double[] basis) {

        public static NodeEstimates of(NodeStats stats) {
            int d = stats.dim();
            int m = stats.nodes();
            double[][] points = new double[m][];
            boolean any = false;
            for (int j = 0; j < m && !any; j++) any = stats.counts()[j] > d;
            if (!any) return new NodeEstimates(points, stats.counts().clone(), 0, null, null); // no node has an estimate
            double[] gbar = stats.totalGram().clone();
            for (int i = 0; i < gbar.length; i++) gbar[i] /= stats.totalCount();
            io.github.cmlr.linalg.SymmetricEigen e = io.github.cmlr.linalg.SymmetricEigen.decompose(gbar, d);
            double[] scale = new double[d];
            for (int i = 0; i < d; i++) scale[i] = Math.sqrt(Math.max(e.values()[i], 1e-12 * Math.abs(e.values()[0])));
            int eligible = 0;
            for (int j = 0; j < m; j++) {
                if (stats.counts()[j] <= d) continue;
                double[] gj = stats.gram(j);
                double[] b = Cholesky.trySolve(gj, d, java.util.Arrays.copyOfRange(stats.xty(), j * d, (j + 1) * d));
                if (b == null) continue;
                double[] z = new double[d];
                for (int i = 0; i < d; i++) {
                    double t = 0;
                    for (int r = 0; r < d; r++) t += e.vectors()[r * d + i] * b[r];
                    z[i] = scale[i] * t;
                }
                points[j] = z;
                eligible++;
            }
            return new NodeEstimates(points, stats.counts().clone(), eligible, scale, e.vectors());
        }

        /** beta = V D^-1 z. */
        double[] coefficients(double[] z) {
            int d = z.length;
            double[] b = new double[d];
            for (int r = 0; r < d; r++) {
                double t = 0;
                for (int i = 0; i < d; i++) t += basis[r * d + i] * z[i] / scale[i];
                b[r] = t;
            }
            return b;
        }
    }

    /**
     * Weighted k-means++ with {@link #LLOYD_ITERATIONS} Lloyd steps on the per-node estimates
     * ({@link NodeEstimates}: weights n_j, distances on the data's x); then every node joins the
     * centre that fits its own rows best (smallest RSS, which weighs a node's deviation by its
     * own G_j). Returns null when fewer than k nodes have an estimate.
     */
    public static int[] kMeansPartition(NodeStats stats, NodeEstimates est, int k, SplittableRandom rng) {
        if (est.eligible() < k) return null;
        double[][] z = KMeans.cluster(est.points(), est.weights(), k, LLOYD_ITERATIONS, rng);
        double[][] centres = new double[k][];
        for (int c = 0; c < k; c++) centres[c] = est.coefficients(z[c]);
        int[] labels = new int[stats.nodes()];
        for (int j = 0; j < labels.length; j++) labels[j] = bestFit(stats, j, centres);
        return labels;
    }

    /**
     * A partition with one more group: the nodes of group {@code split} are divided between two
     * regression lines through them ({@link #twoLines}), those nearer the second line going to
     * {@code newGroup}; other nodes keep their group. Returns null when fewer than two of the
     * group's nodes have an estimate.
     *
     * @param labels group of every node (read only)
     */
    public static int[] splitPartition(NodeStats stats, NodeEstimates est, int[] labels, int split, int newGroup,
                                       SplittableRandom rng) {
        double[][] own = new double[labels.length][];
        int eligible = 0;
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] != split || est.points()[j] == null) continue;
            own[j] = est.coefficients(est.points()[j]);
            eligible++;
        }
        if (eligible < 2) return null;
        double[][] lines = twoLines(stats, own, labels, split, rng);
        int[] out = labels.clone();
        for (int j = 0; j < out.length; j++) {
            if (labels[j] == split && bestFit(stats, j, lines) == 1) out[j] = newGroup;
        }
        return out;
    }

    /**
     * Two lines through group {@code split}'s nodes, k-means++ style in each node's own metric:
     * the first a random node's estimate, the second a node's estimate drawn with probability
     * proportional to its RSS rise under the first, (b_1 - b_j)' G_j (b_1 - b_j); then
     * {@link #LLOYD_ITERATIONS} hard-assignment steps (every node to the line that fits its rows
     * best, each line refitted by least squares over its nodes).
     *
     * @param own per node its own estimate b_j where it has one and belongs to the group, else null
     */
    private static double[][] twoLines(NodeStats stats, double[][] own, int[] labels, int split, SplittableRandom rng) {
        int m = labels.length;
        double[] score = new double[m];
        for (int j = 0; j < m; j++) score[j] = own[j] != null ? 1 : 0;
        double[][] lines = new double[2][];
        lines[0] = own[draw(score, rng)];
        for (int j = 0; j < m; j++) if (own[j] != null) score[j] = Math.max(0, rss(stats, j, lines[0]) - rss(stats, j, own[j]));
        int second = draw(score, rng);
        lines[1] = second >= 0 ? own[second] : lines[0];
        for (int it = 0; it < LLOYD_ITERATIONS; it++) lines = refitLines(stats, labels, split, lines);
        return lines;
    }

    /** One hard-assignment step over group {@code split}'s nodes; a line left with no node (or singular) is kept. */
    private static double[][] refitLines(NodeStats stats, int[] labels, int split, double[][] lines) {
        int d = stats.dim();
        int dd = d * d;
        double[][] g = new double[2][dd];
        double[][] s = new double[2][d];
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] != split) continue;
            int c = bestFit(stats, j, lines);
            stats.addUpperTo(j, 1.0, g[c], 0); // mirrored below
            for (int i = 0; i < d; i++) s[c][i] += stats.xty()[j * d + i];
        }
        double[][] out = new double[2][];
        for (int c = 0; c < 2; c++) {
            Dense.mirrorUpper(g[c], 0, d);
            double[] b = Cholesky.trySolve(g[c], d, s[c]);
            out[c] = b != null ? b : lines[c];
        }
        return out;
    }

    /** Node j's residual sum of squares about the line b. */
    private static double rss(NodeStats stats, int j, double[] b) {
        int d = stats.dim();
        return stats.yty()[j] - 2 * Dense.dot(stats.xty(), j * d, b, 0, d) + stats.quadForm(j, b, 0);
    }

    /** An index drawn with probability proportional to its score, or -1 when no score is positive. */
    private static int draw(double[] score, SplittableRandom rng) {
        double total = 0;
        for (double v : score) total += v;
        if (!(total > 0)) return -1;
        double r = rng.nextDouble() * total;
        int last = -1;
        for (int j = 0; j < score.length; j++) {
            if (!(score[j] > 0)) continue;
            last = j;
            r -= score[j];
            if (r < 0) return j;
        }
        return last;
    }

    /** The centre with the smallest residual sum of squares on node j. */
    private static int bestFit(NodeStats stats, int j, double[][] centres) {
        int best = 0;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double rss = rss(stats, j, centres[c]);
            if (rss < bestRss) {
                bestRss = rss;
                best = c;
            }
        }
        return best;
    }

    /** The sum of {@code count} blocks of d numbers. */
    static double[] sum(double[] blocks, int count, int d) {
        double[] t = new double[d];
        for (int j = 0; j < count; j++) for (int i = 0; i < d; i++) t[i] += blocks[j * d + i];
        return t;
    }

    static int[] permutation(int m, SplittableRandom rng) {
        int[] p = new int[m];
        for (int i = 0; i < m; i++) p[i] = i;
        for (int i = m - 1; i > 0; i--) {
            int r = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[r];
            p[r] = t;
        }
        return p;
    }
}
