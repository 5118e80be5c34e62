package io.github.cmlr.model;

/**
 * Per-node sufficient statistics of grouped regression data, computed in one pass:
 * {@code n_j}, {@code G_j = X_j^T X_j} (d x d, row-major, full symmetric), {@code s_j = X_j^T y_j},
 * {@code q_j = y_j^T y_j}. Every clustered (grouped) algorithm runs on these alone, so its cost
 * per iteration does not depend on the number of rows.
 *
 * <p>Memory: {@code 8 * (d*d + d + 2)} bytes per node. Arrays are shared, not copied.
 */
public final class NodeStats {
    private final int dim;
    private final double[] counts;
    private final double[] gram;
    private final double[] xty;
    private final double[] yty;
    private final String[] nodeIds;

    public NodeStats(int dim, double[] counts, double[] gram, double[] xty, double[] yty, String[] nodeIds) {
        int m = counts.length;
        if (gram.length != (long) m * dim * dim || xty.length != (long) m * dim || yty.length != m) {
            throw new IllegalArgumentException("inconsistent statistic lengths for m=" + m + ", d=" + dim);
        }
        if (nodeIds != null && nodeIds.length != m) throw new IllegalArgumentException("nodeIds length");
        this.dim = dim;
        this.counts = counts;
        this.gram = gram;
        this.xty = xty;
        this.yty = yty;
        this.nodeIds = nodeIds;
    }

    public int dim() { return dim; }
    public int nodes() { return counts.length; }
    /** n_j as doubles (exact for n_j < 2^53). */
    public double[] counts() { return counts; }
    /** m blocks of d*d, row-major. */
    public double[] gram() { return gram; }
    /** m blocks of d. */
    public double[] xty() { return xty; }
    public double[] yty() { return yty; }
    public String nodeId(int j) { return nodeIds != null ? nodeIds[j] : Integer.toString(j); }
    public String[] nodeIds() { return nodeIds; }

    public double totalCount() {
        double t = 0;
        for (double c : counts) t += c;
        return t;
    }

    /** A = sum_j G_j (d x d), summed in node order. */
    public double[] totalGram() {
        double[] a = new double[dim * dim];
        int dd = dim * dim;
        for (int j = 0; j < nodes(); j++) {
            for (int k = 0; k < dd; k++) a[k] += gram[j * dd + k];
        }
        return a;
    }
}
