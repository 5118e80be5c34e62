package io.github.cmlr.cpu;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.Parallel;

/** Units = nodes, read from per-node statistics: an iteration costs O(m K d^2) whatever n is. */
final class CpuNodeUnits extends CpuUnitOps {
    private final double[] counts;
    private final double[] gram;
    private final double[] xty;
    private final double[] yty;

    CpuNodeUnits(NodeStats stats, int threads) {
        super(stats.dim(), threads);
        this.counts = stats.counts();
        this.gram = stats.gram();
        this.xty = stats.xty();
        this.yty = stats.yty();
    }

    @Override
    public int units() { return counts.length; }

    @Override
    int blockSize() { return Parallel.BLOCK; }

    @Override
    double count(int u) { return counts[u]; }

    @Override
    double symmetricBlock(int u0, int u1, double[] theta, double inv, double[] w) {
        double logCosh = 0;
        for (int u = u0; u < u1; u++) {
            logCosh += StableMath.tanhAndLogCosh(Dense.dot(xty, u * d, theta, 0, d) * inv, w, u);
        }
        return logCosh;
    }

    @Override
    void xtyBlock(int u0, int u1, double[] w, double[] acc) {
        for (int u = u0; u < u1; u++) {
            double g = w[u];
            int off = u * d;
            for (int i = 0; i < d; i++) acc[i] += g * xty[off + i];
        }
    }

    @Override
    double posteriorsBlock(int u0, int u1, Densities p, double[] gamma, double[] l) {
        int k = p.k;
        double[] gb = new double[k * d];
        double sum = 0;
        for (int u = u0; u < u1; u++) {
            double n = counts[u];
            gramTimesBeta(u, p.beta, k, gb);
            for (int c = 0; c < k; c++) {
                double lin = Dense.dot(xty, u * d, p.beta, c * d, d);
                double quad = Dense.dot(gb, c * d, p.beta, c * d, d);
                double rss = Math.max(0.0, yty[u] - 2 * lin + quad);
                l[u * k + c] = p.logDensity(c, n, rss);
            }
            sum += StableMath.softmax(l, u * k, k, gamma);
        }
        return sum;
    }

    /**
     * {@code out[c*d ..] = G_u beta_c} for every component, as a sum of G_u's rows scaled by the
     * entries of beta_c: each row is one multiply-add loop over contiguous memory, which the JIT
     * vectorises (a dot product per row would be a serial sum it may not reorder).
     */
    private void gramTimesBeta(int u, double[] beta, int k, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        int base = u * d * d;
        for (int c = 0; c < k; c++) {
            int o = c * d;
            for (int r = 0; r < d; r++) {
                double b = beta[o + r];
                int row = base + r * d;
                for (int i = 0; i < d; i++) out[o + i] += b * gram[row + i];
            }
        }
    }

    /**
     * Adds the upper triangles of the G_u (row r from its diagonal on: one contiguous loop, which
     * the JIT vectorises); the entries below the diagonal are ignored by the caller.
     */
    @Override
    void sumsBlock(int u0, int u1, double[] gamma, int k, double[] acc) {
        int dd = d * d;
        for (int u = u0; u < u1; u++) {
            int gOff = u * dd;
            int sOff = u * d;
            for (int c = 0; c < k; c++) {
                double g = gamma[u * k + c];
                if (g == 0) continue;
                int aOff = c * dd;
                for (int r = 0; r < d; r++) {
                    int o = r * d + r;
                    for (int i = 0; i < d - r; i++) acc[aOff + o + i] += g * gram[gOff + o + i];
                }
                int xOff = k * dd + c * d;
                for (int i = 0; i < d; i++) acc[xOff + i] += g * xty[sOff + i];
                int tail = k * (dd + d) + 3 * c;
                acc[tail] += g * yty[u];
                acc[tail + 1] += g * counts[u];
                acc[tail + 2] += g;
            }
        }
    }
}
