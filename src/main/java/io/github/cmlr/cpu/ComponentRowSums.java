package io.github.cmlr.cpu;

import io.github.cmlr.linalg.GramAccumulator;

/**
 * The weighted sums of a block's rows for every component but one (skip, or -1), as both unit
 * kinds add them: units arrive in order, each component's rows go to its own accumulator, four at
 * a time across units ({@link GramAccumulator}), and a unit of weight below
 * {@link CpuUnitOps#NEGLIGIBLE_WEIGHT} is left out of G, s and q but never out of n and weight.
 *
 * <p>A unit of several rows that several components sum (K above the data's, where components
 * share nodes) has its own X'X, X'y and y'y formed once and added to each of them with its
 * weight ({@link #sharesProducts}): the rank-n work is done once instead of once per component.
 * The choice depends on the weights and rows alone, so the sums stay the same for any thread
 * count. Allocates no accumulator until a unit is summed.
 */
final class ComponentRowSums {
    private final int d;
    private final int k;
    private final int skip;
    private final GramAccumulator[] gram;
    private final double[] count;
    private final double[] weight;
    /** One unit's X'X, X'y and y'y, when its products are shared; null until then. */
    private GramAccumulator unit;

    ComponentRowSums(int d, int k, int skip) {
        this.d = d;
        this.k = k;
        this.skip = skip;
        this.gram = new GramAccumulator[k];
        this.count = new double[k];
        this.weight = new double[k];
    }

    /**
     * Whether a unit of {@code rows} rows that {@code summed} components sum is cheaper through its
     * own products: rows + 1 + summed triangle passes (form, clear, add to each) against
     * rows x summed.
     */
    static boolean sharesProducts(int summed, int rows) {
        return summed >= 2 && (long) rows * (summed - 1) > summed + 1;
    }

    /**
     * Unit u, of n_u = n rows held as {@code rows} rows of features (row-major from
     * {@code x[xOff]}) and responses {@code y[yOff ..]}, with its weights gamma[u*K ..].
     */
    void add(double[] gamma, int u, double n, double[] x, int xOff, double[] y, int yOff, int rows) {
        int summed = 0;
        for (int c = 0; c < k; c++) {
            if (c == skip) continue;
            double g = gamma[u * k + c];
            count[c] += g * n;
            weight[c] += g;
            if (g >= CpuUnitOps.NEGLIGIBLE_WEIGHT) summed++;
        }
        if (summed == 0) return;
        if (sharesProducts(summed, rows)) {
            addShared(gamma, u, x, xOff, y, yOff, rows);
            return;
        }
        for (int c = 0; c < k; c++) {
            double g = gamma[u * k + c];
            if (c == skip || g < CpuUnitOps.NEGLIGIBLE_WEIGHT) continue;
            for (int i = 0; i < rows; i++) accumulator(c).add(g, y[yOff + i], x, xOff + i * d);
        }
    }

    /** The unit's X'X, X'y and y'y once, then weighted into every component that sums it. */
    private void addShared(double[] gamma, int u, double[] x, int xOff, double[] y, int yOff, int rows) {
        if (unit == null) unit = new GramAccumulator(d);
        unit.reset();
        for (int i = 0; i < rows; i++) unit.add(1.0, y[yOff + i], x, xOff + i * d);
        unit.finish();
        for (int c = 0; c < k; c++) {
            double g = gamma[u * k + c];
            if (c == skip || g < CpuUnitOps.NEGLIGIBLE_WEIGHT) continue;
            accumulator(c).addWeighted(g, unit);
        }
    }

    private GramAccumulator accumulator(int c) {
        if (gram[c] == null) gram[c] = new GramAccumulator(d);
        return gram[c];
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
