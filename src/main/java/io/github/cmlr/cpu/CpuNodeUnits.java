package io.github.cmlr.cpu;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.Parallel;

/** Units = nodes, read from per-node statistics: an iteration costs O(m K d^2) whatever n is. */
final class CpuNodeUnits extends CpuUnitOps {
    private final NodeStats stats;
    private final double[] gram;
    private final double[] xty;

    CpuNodeUnits(NodeStats stats, int threads) {
        super(stats.dim(), threads);
        this.stats = stats;
        this.gram = stats.gram();
        this.xty = stats.xty();
    }

    @Override
    public int units() { return stats.nodes(); }

    @Override
    int blockSize() { return Parallel.BLOCK; }

    @Override
    double xtyDot(int u, double[] b, int bOff) {
        double s = 0;
        int off = u * d;
        for (int i = 0; i < d; i++) s += xty[off + i] * b[bOff + i];
        return s;
    }

    @Override
    double rss(int u, double[] b, int bOff) {
        double quad = Dense.quadForm(gram, u * d * d, b, bOff, d);
        return Math.max(0.0, stats.yty()[u] - 2 * xtyDot(u, b, bOff) + quad);
    }

    @Override
    void addGramUpper(int u, double g, double[] acc, int off) {
        int gOff = u * d * d;
        for (int r = 0; r < d; r++) {
            int base = r * d;
            for (int c = r; c < d; c++) acc[off + base + c] += g * gram[gOff + base + c];
        }
    }

    @Override
    void addXty(int u, double g, double[] acc, int off) {
        int sOff = u * d;
        for (int i = 0; i < d; i++) acc[off + i] += g * xty[sOff + i];
    }

    @Override
    double yty(int u) { return stats.yty()[u]; }

    @Override
    double count(int u) { return stats.counts()[u]; }
}
