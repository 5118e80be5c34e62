package io.github.cmlr.cpu;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.linalg.GramAccumulator;
import io.github.cmlr.model.Dataset;

/**
 * Units = single samples, read straight from the rows: G_u = x x^T, s_u = y x, q_u = y^2,
 * n_u = 1, never formed as matrices. Each iteration passes over the raw data; the weighted sums
 * of the M-step take four rows at a time ({@link GramAccumulator}).
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
        int k = p.k;
        double sum = 0;
        for (int u = u0; u < u1; u++) {
            for (int c = 0; c < k; c++) {
                double r = y[u] - Dense.dot(x, u * d, p.beta, c * d, d);
                l[u * k + c] = p.logDensity(c, 1.0, r * r);
            }
            sum += StableMath.softmax(l, u * k, k, gamma);
        }
        return sum;
    }

    /** Per component, the rows of the block of weight at least {@link #NEGLIGIBLE_WEIGHT}, four at a time ({@link GramAccumulator}). */
    @Override
    void sumsBlock(int u0, int u1, double[] gamma, int k, double[] acc) {
        int dd = d * d;
        GramAccumulator sums = new GramAccumulator(d);
        for (int c = 0; c < k; c++) {
            sums.reset();
            double weight = 0;
            for (int u = u0; u < u1; u++) {
                double g = gamma[u * k + c];
                weight += g;
                if (g >= NEGLIGIBLE_WEIGHT) sums.add(g, y[u], x, u * d);
            }
            sums.finish();
            int tail = k * (dd + d) + 3 * c;
            acc[tail] += sums.addTo(acc, c * dd, k * dd + c * d);
            acc[tail + 1] += weight;
            acc[tail + 2] += weight;
        }
    }
}
