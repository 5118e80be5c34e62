package io.github.cmlr.cpu;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.linalg.GramAccumulator;
import io.github.cmlr.linalg.GramKernels;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;

/**
 * Units = single samples, read straight from the rows: G_u = x x^T, s_u = y x, q_u = y^2,
 * n_u = 1, never formed as matrices. Each iteration passes over the raw data once: the fused
 * pass takes each row's posteriors and adds the row to the M-step's sums while it is in cache, four
 * rows at a time ({@link GramAccumulator}), for K - 1 components (the heaviest one's sums are the
 * totals minus the others', as for nodes).
 */
final class CpuSampleUnits extends CpuUnitOps {
    /** Samples per reduction block (fixed: results must not depend on the thread count; a multiple of 4). */
    static final int SAMPLE_BLOCK = 4096;

    private final double[] x;
    private final double[] y;

    CpuSampleUnits(Dataset data, int threads) {
        super(data.dim(), threads);
        this.x = data.x();
        this.y = data.y();
    }

    @Override
    public int units() { return y.length; }

    @Override
    int blockSize() { return SAMPLE_BLOCK; }

    @Override
    double count(int u) { return 1.0; }

    @Override
    double symmetricBlock(int u0, int u1, double[] theta, double inv, double[] w) {
        double logCosh = 0;
        for (int u = u0; u < u1; u++) {
            logCosh += StableMath.tanhAndLogCosh(y[u] * Dense.dot(x, u * d, theta, 0, d) * inv, w, u);
        }
        return logCosh;
    }

    @Override
    void xtyBlock(int u0, int u1, double[] w, double[] acc) {
        for (int u = u0; u < u1; u++) {
            double gy = w[u] * y[u];
            int off = u * d;
            for (int i = 0; i < d; i++) acc[i] += gy * x[off + i];
        }
    }

    @Override
    double posteriorsBlock(int u0, int u1, Densities p, double[] gamma, double[] l) {
        double[] r = new double[p.k];
        double sum = 0;
        for (int u = u0; u < u1; u++) sum += posteriorsOf(u, p, gamma, l, r);
        return sum;
    }

    /** Row u's l_uc and posteriors; returns its log-sum-exp. rss is scratch of K. */
    private double posteriorsOf(int u, Densities p, double[] gamma, double[] l, double[] rss) {
        int k = p.k;
        java.util.Arrays.fill(rss, 0.0);
        GramKernels.addSquaredResiduals(x, u * d, d, y[u], p.beta, k, rss, 0);
        for (int c = 0; c < k; c++) l[u * k + c] = p.logDensity(c, 1.0, rss[c]);
        return StableMath.softmax(l, u * k, k, gamma);
    }

    /** The component whose sums the fused pass forms from the totals: the heaviest, as for nodes. */
    @Override
    int complementOf(MixtureParams params) {
        return heaviest(params);
    }

    /**
     * Each row's posteriors, then the row into the sums of every component but
     * {@code p.complement}, while it is still in cache: one read of the block's rows instead of
     * K + 1. Each component's rows go to its own accumulator in row order, so its sums are bitwise
     * those of {@link #sumsBlock}.
     */
    @Override
    double posteriorsAndSumsBlock(int u0, int u1, Densities p, double[] gamma, double[] l, double[] acc) {
        int k = p.k;
        ComponentRowSums sums = new ComponentRowSums(d, k, p.complement);
        double[] r = new double[k];
        double sum = 0;
        for (int u = u0; u < u1; u++) {
            sum += posteriorsOf(u, p, gamma, l, r);
            sums.add(gamma, u, 1.0, x, u * d, y, u, 1);
        }
        sums.addTo(acc);
        return sum;
    }

    /** Per component, the rows of the block of weight at least {@link #NEGLIGIBLE_WEIGHT}, four at a time ({@link ComponentRowSums}). */
    @Override
    void sumsBlock(int u0, int u1, double[] gamma, int k, double[] acc) {
        ComponentRowSums sums = new ComponentRowSums(d, k, -1);
        for (int u = u0; u < u1; u++) sums.add(gamma, u, 1.0, x, u * d, y, u, 1);
        sums.addTo(acc);
    }
}
