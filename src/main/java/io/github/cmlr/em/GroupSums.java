package io.github.cmlr.em;

import io.github.cmlr.linalg.Cholesky;
import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;

/**
 * The sufficient statistics of a hard partition of the nodes (per group: G, s, q, rows, nodes) and
 * the least-squares parameters they give ({@link Starts#fromPartition}). {@link #moved} updates
 * them for one node changing group in O(d min(n_j, d)) work, so a local move is judged without a
 * pass over the data.
 */
final class GroupSums {
    private final NodeStats stats;
    private final int k;
    private final double[] g;
    private final double[] s;
    private final double[] q;
    private final double[] n;
    private final double[] nodes;

    private GroupSums(NodeStats stats, int k, double[] g, double[] s, double[] q, double[] n, double[] nodes) {
        this.stats = stats;
        this.k = k;
        this.g = g;
        this.s = s;
        this.q = q;
        this.n = n;
        this.nodes = nodes;
    }

    /** The sums of every group of {@code labels}: K - 1 Gram sums, the group of most rows' as the total minus the others'. */
    static GroupSums of(NodeStats stats, int[] labels, int k) {
        int d = stats.dim();
        int dd = d * d;
        double[] g = new double[k * dd];
        double[] s = new double[k * d];
        double[] q = new double[k];
        double[] n = new double[k];
        double[] nodes = new double[k];
        for (int j = 0; j < stats.nodes(); j++) {
            n[labels[j]] += stats.counts()[j];
            nodes[labels[j]]++;
        }
        int largest = 0;
        for (int c = 1; c < k; c++) if (n[c] > n[largest]) largest = c;
        stats.addGroupGramsUpper(labels, k, largest, g); // G_j is symmetric: mirrored below
        for (int j = 0; j < stats.nodes(); j++) {
            int c = labels[j];
            for (int i = 0; i < d; i++) s[c * d + i] += stats.xty()[j * d + i];
            q[c] += stats.yty()[j];
        }
        double[] total = stats.totalGram();
        for (int e = 0; e < dd; e++) {
            double v = total[e];
            for (int c = 0; c < k; c++) if (c != largest) v -= g[c * dd + e];
            g[largest * dd + e] = v;
        }
        for (int c = 0; c < k; c++) Dense.mirrorUpper(g, c * dd, d);
        return new GroupSums(stats, k, g, s, q, n, nodes);
    }

    /** The sums with node j moved from group {@code from} to group {@code to}. */
    GroupSums moved(int j, int from, int to) {
        int d = stats.dim();
        int dd = d * d;
        double[] gj = stats.gram(j);
        double[] g2 = g.clone();
        double[] s2 = s.clone();
        double[] q2 = q.clone();
        double[] n2 = n.clone();
        double[] nodes2 = nodes.clone();
        for (int e = 0; e < dd; e++) {
            g2[from * dd + e] -= gj[e];
            g2[to * dd + e] += gj[e];
        }
        for (int i = 0; i < d; i++) {
            double v = stats.xty()[j * d + i];
            s2[from * d + i] -= v;
            s2[to * d + i] += v;
        }
        q2[from] -= stats.yty()[j];
        q2[to] += stats.yty()[j];
        n2[from] -= stats.counts()[j];
        n2[to] += stats.counts()[j];
        nodes2[from]--;
        nodes2[to]++;
        return new GroupSums(stats, k, g2, s2, q2, n2, nodes2);
    }

    /**
     * beta_k = least squares over group k (a tiny ridge when singular), sigma_k^2 = its RSS per
     * row (floored at 1e-6 of mean y^2), pi_k = its share of nodes; an empty group gets the pooled
     * fit and a small weight.
     */
    MixtureParams params() {
        int d = stats.dim();
        int dd = d * d;
        double[] ones = new double[stats.nodes()];
        java.util.Arrays.fill(ones, 1.0);
        double meanSq = Dense.dot(stats.yty(), ones) / stats.totalCount();
        double[] pooled = null; // only an empty group needs it
        double[] beta = new double[k * d];
        double[] s2 = new double[k];
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            double[] gc = java.util.Arrays.copyOfRange(g, c * dd, (c + 1) * dd);
            if (nodes[c] == 0 && pooled == null) pooled = leastSquares(stats.totalGram(), Starts.sum(stats.xty(), stats.nodes(), d), d);
            double[] b = nodes[c] > 0 ? leastSquares(gc, java.util.Arrays.copyOfRange(s, c * d, (c + 1) * d), d) : pooled;
            System.arraycopy(b, 0, beta, c * d, d);
            double rss = q[c] - 2 * Dense.dot(b, 0, s, c * d, d) + Dense.quadForm(g, c * dd, b, 0, d);
            s2[c] = n[c] > 0 ? Math.max(rss / n[c], 1e-6 * meanSq) : meanSq;
            w[c] = Math.max(nodes[c], 0.5) / stats.nodes();
        }
        return new MixtureParams(d, beta, s2, MixtureMStep.normalised(w));
    }

    private static double[] leastSquares(double[] g, double[] s, int d) {
        Cholesky c = Cholesky.factor(g, d);
        if (c == null) c = Cholesky.factorWithRidge(g, d, 1e-8);
        return c != null ? c.solve(s) : new double[d];
    }
}
