package io.github.cmlr.cpu;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.Dataset;

/**
 * Units = single samples, read straight from the rows: G_u = x x^T, s_u = y x, q_u = y^2,
 * n_u = 1, never formed as matrices. Each iteration passes over the raw data; the weighted sums
 * of the M-step take four rows at a time, so each entry of an upper triangle is loaded and stored
 * once per four rows.
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

    @Override
    void sumsBlock(int u0, int u1, double[] gamma, int k, double[] acc) {
        for (int c = 0; c < k; c++) {
            int u = u0;
            for (; u + 4 <= u1; u += 4) addFour(u, gamma, k, c, acc);
            for (; u < u1; u++) addOne(u, gamma[u * k + c], k, c, acc);
        }
    }

    /** Component c's sums of rows u..u+3: 4 multiply-adds per load and store of an accumulator. */
    private void addFour(int u, double[] gamma, int k, int c, double[] acc) {
        double g0 = gamma[u * k + c];
        double g1 = gamma[(u + 1) * k + c];
        double g2 = gamma[(u + 2) * k + c];
        double g3 = gamma[(u + 3) * k + c];
        if (g0 == 0 && g1 == 0 && g2 == 0 && g3 == 0) return;
        int dd = d * d;
        int a = u * d;
        int b = a + d;
        int e = b + d;
        int f = e + d;
        double y0 = g0 * y[u];
        double y1 = g1 * y[u + 1];
        double y2 = g2 * y[u + 2];
        double y3 = g3 * y[u + 3];
        int gOff = c * dd;
        int sOff = k * dd + c * d;
        for (int r = 0; r < d; r++) {
            double x0 = x[a + r];
            double x1 = x[b + r];
            double x2 = x[e + r];
            double x3 = x[f + r];
            acc[sOff + r] += y0 * x0 + y1 * x1 + y2 * x2 + y3 * x3;
            double w0 = g0 * x0;
            double w1 = g1 * x1;
            double w2 = g2 * x2;
            double w3 = g3 * x3;
            int base = gOff + r * d;
            for (int s = r; s < d; s++) {
                acc[base + s] += w0 * x[a + s] + w1 * x[b + s] + w2 * x[e + s] + w3 * x[f + s];
            }
        }
        int tail = k * (dd + d) + 3 * c;
        acc[tail] += y0 * y[u] + y1 * y[u + 1] + y2 * y[u + 2] + y3 * y[u + 3];
        acc[tail + 1] += g0 + g1 + g2 + g3;
        acc[tail + 2] += g0 + g1 + g2 + g3;
    }

    private void addOne(int u, double g, int k, int c, double[] acc) {
        if (g == 0) return;
        int dd = d * d;
        int a = u * d;
        double gy = g * y[u];
        int gOff = c * dd;
        int sOff = k * dd + c * d;
        for (int r = 0; r < d; r++) {
            double xr = x[a + r];
            acc[sOff + r] += gy * xr;
            double wr = g * xr;
            int base = gOff + r * d;
            for (int s = r; s < d; s++) acc[base + s] += wr * x[a + s];
        }
        int tail = k * (dd + d) + 3 * c;
        acc[tail] += gy * y[u];
        acc[tail + 1] += g;
        acc[tail + 2] += g;
    }
}
