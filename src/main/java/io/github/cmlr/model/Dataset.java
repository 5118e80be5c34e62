package io.github.cmlr.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Grouped regression data held node-major in memory: the rows of node j are
 * {@code [nodeOffset(j), nodeOffset(j+1))}, features row-major ({@code x[row * dim + k]}).
 *
 * <p>Arrays are owned by the dataset once passed in and must not be modified afterwards.
 * Optional extras: node identifiers as read from a file and true labels (component index per
 * node, 0-based) for synthetic data.
 */
public final class Dataset {
    private final int dim;
    private final int[] offsets;
    private final double[] x;
    private final double[] y;
    private final String[] nodeIds;
    private final int[] trueLabels;

    public Dataset(int dim, int[] offsets, double[] x, double[] y, String[] nodeIds, int[] trueLabels) {
        if (dim < 1) throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        Objects.requireNonNull(offsets, "offsets");
        if (offsets.length < 2 || offsets[0] != 0) {
            throw new IllegalArgumentException("offsets must start at 0 and describe at least one node");
        }
        for (int j = 1; j < offsets.length; j++) {
            if (offsets[j] <= offsets[j - 1]) throw new IllegalArgumentException("node " + (j - 1) + " is empty");
        }
        int rows = offsets[offsets.length - 1];
        if (y.length != rows || x.length != (long) rows * dim) {
            throw new IllegalArgumentException("x/y lengths do not match offsets: rows=" + rows);
        }
        if (nodeIds != null && nodeIds.length != offsets.length - 1) throw new IllegalArgumentException("nodeIds length");
        if (trueLabels != null && trueLabels.length != offsets.length - 1) throw new IllegalArgumentException("labels length");
        this.dim = dim;
        this.offsets = offsets;
        this.x = x;
        this.y = y;
        this.nodeIds = nodeIds;
        this.trueLabels = trueLabels;
    }

    /** Equal-size nodes: node j holds rows {@code [j*n, (j+1)*n)}. */
    public static int[] equalOffsets(int m, int n) {
        int[] off = new int[m + 1];
        for (int j = 0; j <= m; j++) off[j] = Math.multiplyExact(j, n);
        return off;
    }

    public int dim() { return dim; }
    public int nodes() { return offsets.length - 1; }
    public int rows() { return offsets[offsets.length - 1]; }
    public int nodeOffset(int j) { return offsets[j]; }
    public int nodeSize(int j) { return offsets[j + 1] - offsets[j]; }
    /** Shared, not copied: callers must not modify. */
    public int[] offsets() { return offsets; }
    /** Shared, not copied: callers must not modify. */
    public double[] x() { return x; }
    /** Shared, not copied: callers must not modify. */
    public double[] y() { return y; }
    public boolean hasNodeIds() { return nodeIds != null; }
    public String nodeId(int j) { return nodeIds != null ? nodeIds[j] : Integer.toString(j); }
    public boolean hasTrueLabels() { return trueLabels != null; }
    /** Shared, not copied; null when unknown. */
    public int[] trueLabels() { return trueLabels; }

    /** True when every node has the same number of rows. */
    public boolean isBalanced() {
        int n0 = nodeSize(0);
        for (int j = 1; j < nodes(); j++) if (nodeSize(j) != n0) return false;
        return true;
    }

    public Dataset withTrueLabels(int[] labels) {
        return new Dataset(dim, offsets, x, y, nodeIds, labels);
    }

    @Override
    public String toString() {
        return "Dataset[nodes=" + nodes() + ", rows=" + rows() + ", dim=" + dim + "]";
    }

    /** Bitwise equality of the numbers (used by reproducibility tests). */
    public boolean sameNumbers(Dataset o) {
        return dim == o.dim && Arrays.equals(offsets, o.offsets) && Arrays.equals(x, o.x) && Arrays.equals(y, o.y)
                && Arrays.equals(trueLabels, o.trueLabels);
    }
}
