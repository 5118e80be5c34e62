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
        double sum = 0;
        for (int u = u0; u < u1; u++) {
            double n = counts[u];
            for (int c = 0; c < k; c++) {
                double lin = Dense.dot(xty, u * d, p.beta, c * d, d);
                double quad = Dense.quadFormSymmetric(gram, u * d * d, p.beta, c * d, d);
                double rss = Math.max(0.0, yty[u] - 2 * lin + quad);
                l[u * k + c] = p.logDensity(c, n, rss);
            }
            sum += StableMath.softmax(l, u * k, k, gamma);
        }
        return sum;
    }

    /**
     * Adds whole d x d blocks (both triangles): one contiguous loop per node and component, which
     * the JIT vectorises; the entries below the diagonal are ignored by the caller.
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
                for (int i = 0; i < dd; i++) acc[aOff + i] += g * gram[gOff + i];
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
