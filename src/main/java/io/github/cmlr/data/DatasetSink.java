package io.github.cmlr.data;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.Arrays;

/**
 * Collects rows in memory and groups them by node (nodes in order of first appearance, rows of
 * a node in file order), for algorithms that need the raw rows.
 */
final class DatasetSink implements RowSink {
    private final int d;
    private double[] x;
    private double[] y = new double[4096];
    private int[] nodeOfRow = new int[4096];
    private int rows;

    DatasetSink(int dim) {
        this.d = dim;
        this.x = new double[4096 * dim];
    }

    @Override
    public void accept(int node, double value, double[] features, int off) {
        if (rows == y.length) grow();
        y[rows] = value;
        nodeOfRow[rows] = node;
        System.arraycopy(features, off, x, rows * d, d);
        rows++;
    }

    private void grow() {
        long cap = (long) y.length + (y.length >> 1);
        if (cap * d > Integer.MAX_VALUE - 16) {
            throw new CmlrException(ExitCode.USAGE, "more than " + (Integer.MAX_VALUE / d) + " rows of " + d
                    + " features do not fit one in-memory dataset; use a grouped (clustered) fit, which streams");
        }
        y = Arrays.copyOf(y, (int) cap);
        nodeOfRow = Arrays.copyOf(nodeOfRow, (int) cap);
        x = Arrays.copyOf(x, (int) cap * d);
    }

    /** Node of each row, in file order. */
    int[] rowNodes() { return Arrays.copyOf(nodeOfRow, rows); }

    /** Features of each row, in file order. */
    double[] rowFeatures() { return Arrays.copyOf(x, rows * d); }

    /** Response of each row, in file order. */
    double[] rowResponses() { return Arrays.copyOf(y, rows); }

    /** Stable counting sort of the rows by node. */
    Dataset finish(String[] ids, int[] labels) {
        int m = ids.length;
        int[] offsets = new int[m + 1];
        for (int r = 0; r < rows; r++) offsets[nodeOfRow[r] + 1]++;
        for (int j = 0; j < m; j++) offsets[j + 1] += offsets[j];
        int[] next = Arrays.copyOf(offsets, m);
        double[] xs = new double[rows * d];
        double[] ys = new double[rows];
        for (int r = 0; r < rows; r++) {
            int to = next[nodeOfRow[r]]++;
            ys[to] = y[r];
            System.arraycopy(x, r * d, xs, to * d, d);
        }
        x = null;
        return new Dataset(d, offsets, xs, ys, ids, labels);
    }
}
