package io.github.cmlr.cpu;

import io.github.cmlr.model.Dataset;

/**
 * Units = single samples, read straight from the rows: G_u = x x^T, s_u = y x, q_u = y^2,
 * n_u = 1, never formed as matrices. Each iteration passes over the raw data.
 */
final class CpuSampleUnits extends CpuUnitOps {
    /** Samples per reduction block (fixed: results must not depend on the thread count). */
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

    private double xDot(int u, double[] b, int bOff) {
        double s = 0;
        int off = u * d;
        for (int i = 0; i < d; i++) s += x[off + i] * b[bOff + i];
        return s;
    }

    @Override
    double xtyDot(int u, double[] b, int bOff) {
        return y[u] * xDot(u, b, bOff);
    }

    @Override
    double rss(int u, double[] b, int bOff) {
        double r = y[u] - xDot(u, b, bOff);
        return r * r;
    }

    @Override
    void addGramUpper(int u, double g, double[] acc, int off) {
        int xOff = u * d;
        for (int r = 0; r < d; r++) {
            double gx = g * x[xOff + r];
            int base = off + r * d;
            for (int c = r; c < d; c++) acc[base + c] += gx * x[xOff + c];
        }
    }

    @Override
    void addXty(int u, double g, double[] acc, int off) {
        double gy = g * y[u];
        int xOff = u * d;
        for (int i = 0; i < d; i++) acc[off + i] += gy * x[xOff + i];
    }

    @Override
    double yty(int u) { return y[u] * y[u]; }

    @Override
    double count(int u) { return 1.0; }
}
