package io.github.cmlr.cpu;

import io.github.cmlr.linalg.GramAccumulator;

/**
 * The weighted sums of a block's rows for every component but one (skip, or -1), as both unit
 * kinds add them: units arrive in order, each component's rows go to its own accumulator, four at
 * a time across units ({@link GramAccumulator}), and a unit of weight below
 * {@link CpuUnitOps#NEGLIGIBLE_WEIGHT} is left out of G, s and q but never out of n and weight.
 * Allocates no accumulator until a unit is summed.
 */
final class ComponentRowSums {
    private final int d;
    private final int k;
    private final int skip;
    private final GramAccumulator[] gram;
    private final double[] count;
    private final double[] weight;

    ComponentRowSums(int d, int k, int skip) {
        this.d = d;
        this.k = k;
        this.skip = skip;
        this.gram = new GramAccumulator[k];
        this.count = new double[k];
        this.weight = new double[k];
    }

    /**
     * Unit u, of n_u = n rows held as {@code rows} rows of features (row-major from
     * {@code x[xOff]}) and responses {@code y[yOff ..]}, with its weights gamma[u*K ..].
     */
    void add(double[] gamma, int u, double n, double[] x, int xOff, double[] y, int yOff, int rows) {
        for (int c = 0; c < k; c++) {
            if (c == skip) continue;
            double g = gamma[u * k + c];
            count[c] += g * n;
            weight[c] += g;
            if (g < CpuUnitOps.NEGLIGIBLE_WEIGHT) continue;
            if (gram[c] == null) gram[c] = new GramAccumulator(d);
            for (int i = 0; i < rows; i++) gram[c].add(g, y[yOff + i], x, xOff + i * d);
        }
    }

    /** Adds the sums to acc (layout of {@link CpuUnitOps#sumsBlock}). */
    void addTo(double[] acc) {
        int dd = d * d;
        for (int c = 0; c < k; c++) {
            if (c == skip) continue;
            int tail = k * (dd + d) + 3 * c;
            acc[tail + 1] += count[c];
            acc[tail + 2] += weight[c];
            if (gram[c] == null) continue;
            gram[c].finish();
            acc[tail] += gram[c].addTo(acc, c * dd, k * dd + c * d);
        }
    }
}
