package io.github.cmlr.cpu;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.linalg.GramKernels;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.Parallel;

/**
 * Units = nodes, read from per-node statistics. Per node and component the E-step costs
 * d min(n_j, d) multiply-adds and the M-step sums d^2 / 2 for a node that keeps G_j, n_j d^2 / 2
 * for one that keeps its rows (n_j < d, {@link NodeStats#holdsRows}; about once for all the
 * components that sum it, {@link ComponentRowSums}): never more than standard EM on the same
 * rows, and for n_j >= d the same whatever n_j is. The fused pass sums K - 1
 * components: the heaviest one's sums are the totals minus the others' ({@link #complementOf}).
 */
final class CpuNodeUnits extends CpuUnitOps {
    private final double[] counts;
    private final NodeStats stats;
    private final double[] xty;
    private final double[] yty;
    private final int blockSize;
    /** Whether any node keeps G_j: when none does (every node smaller than d), the Gram-node loop is skipped. */
    private final boolean anyGram;
    /** Nodes whose sums are added together ({@link GramKernels#addUpper4}). */
    private static final int GROUP = 4;

    CpuNodeUnits(NodeStats stats, int threads) {
        super(stats.dim(), threads);
        this.counts = stats.counts();
        this.stats = stats;
        this.xty = stats.xty();
        this.yty = stats.yty();
        this.blockSize = blockSizeFor(counts);
        boolean gram = false;
        for (int j = 0; j < counts.length && !gram; j++) gram = !stats.holdsRows(j);
        this.anyGram = gram;
    }

    /**
     * Nodes per reduction block: {@link Parallel#BLOCK}, or more for nodes of few rows, so that a
     * block holds about as many rows as a sample block ({@link CpuSampleUnits#SAMPLE_BLOCK}). Each
     * block costs a partial of K (d^2 + d + 3) sums and an accumulator per component whatever its
     * rows; at one row per node and d = 50 that was about a fifth of the iteration. A multiple of
     * {@link Parallel#BLOCK} that depends on the counts alone, never on the thread count.
     */
    static int blockSizeFor(double[] counts) {
        double rows = 0;
        for (double n : counts) rows += n;
        if (!(rows > 0)) return Parallel.BLOCK;
        double wanted = CpuSampleUnits.SAMPLE_BLOCK * (double) counts.length / rows;
        int blocks = (int) Math.ceil(Math.min(wanted, CpuSampleUnits.SAMPLE_BLOCK) / Parallel.BLOCK);
        return Math.max(1, blocks) * Parallel.BLOCK;
    }

    @Override
    public int units() { return counts.length; }

    @Override
    public CpuNodeUnits forNodes(NodeStats other) {
        return new CpuNodeUnits(other, threads);
    }

    @Override
    int blockSize() { return blockSize; }

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
        double[] quad = new double[p.k];
        double sum = 0;
        for (int u = u0; u < u1; u++) sum += posteriorsOf(u, p, gamma, l, quad);
        return sum;
    }

    /**
     * The component of largest weight (the first of equal ones), whose sums the fused pass forms
     * as the totals minus the others': it holds at least 1/K of the weight, so the cancellation is
     * relative to large sums. Only for K >= 2.
     */
    @Override
    int complementOf(MixtureParams params) {
        return heaviest(params);
    }

    /**
     * Four nodes at a time, their E-step then their sums, while their statistics are still in
     * cache: the iteration reads each node's statistics from memory once (for a node of 20 rows
     * at d = 50, 8 KB that a second pass would fetch from memory again). The rows of nodes that
     * keep them go into one accumulator per component in node order, as in {@link #sumsBlock}.
     * The sums of component {@code p.complement} are left out (the caller forms them).
     */
    @Override
    double posteriorsAndSumsBlock(int u0, int u1, Densities p, double[] gamma, double[] l, double[] acc) {
        double[] quad = new double[p.k];
        ComponentRowSums rows = new ComponentRowSums(d, p.k, p.complement);
        double sum = 0;
        if (!anyGram) { // every node keeps its rows: node by node, as standard EM goes row by row
            for (int u = u0; u < u1; u++) {
                sum += posteriorsOf(u, p, gamma, l, quad);
                addRows(rows, u, gamma);
            }
            rows.addTo(acc);
            return sum;
        }
        for (int u = u0; u < u1; u += GROUP) {
            int end = Math.min(u + GROUP, u1);
            for (int v = u; v < end; v++) sum += posteriorsOf(v, p, gamma, l, quad);
            addGramNodes(u, end, gamma, p.k, p.complement, acc);
            for (int v = u; v < end; v++) if (stats.holdsRows(v)) addRows(rows, v, gamma);
        }
        rows.addTo(acc);
        return sum;
    }

    /** Node u's l_uc and posteriors; returns its log-sum-exp. rss is scratch of K. */
    private double posteriorsOf(int u, Densities p, double[] gamma, double[] l, double[] rss) {
        int k = p.k;
        double n = counts[u];
        double[] g = stats.moments(u);
        if (stats.holdsRows(u)) {
            GramKernels.rowResiduals(g, stats.momentsOffset(u), (int) n, d, p.beta, k, rss, 0);
        } else {
            GramKernels.quadForms(g, 0, d, p.beta, k, rss, 0);
            for (int c = 0; c < k; c++) {
                double lin = Dense.dot(xty, u * d, p.beta, c * d, d);
                rss[c] = Math.max(0.0, yty[u] - 2 * lin + rss[c]);
            }
        }
        for (int c = 0; c < k; c++) l[u * k + c] = p.logDensity(c, n, rss[c]);
        return StableMath.softmax(l, u * k, k, gamma);
    }

    /**
     * Adds the upper triangles of the G_u, gamma-weighted, four nodes at a time
     * ({@link GramKernels#addUpper4}), then the rows of the nodes that keep them
     * ({@link ComponentRowSums}); the entries below the diagonal are ignored by the caller. Groups
     * start at u0 + 4i, so the order of the additions depends on the block alone.
     */
    @Override
    void sumsBlock(int u0, int u1, double[] gamma, int k, double[] acc) {
        if (anyGram) {
            for (int u = u0; u < u1; u += GROUP) addGramNodes(u, Math.min(u + GROUP, u1), gamma, k, -1, acc);
        }
        ComponentRowSums rows = new ComponentRowSums(d, k, -1);
        for (int u = u0; u < u1; u++) if (stats.holdsRows(u)) addRows(rows, u, gamma);
        rows.addTo(acc);
    }

    /** The sums of the nodes of [u0, u1) (at most {@link #GROUP}) that keep G_j; none for component skip. */
    private void addGramNodes(int u0, int u1, double[] gamma, int k, int skip, double[] acc) {
        int dd = d * d;
        for (int c = 0; c < k; c++) {
            if (c == skip) continue;
            int summed = 0;
            for (int u = u0; u < u1; u++) if (!stats.holdsRows(u) && gamma[u * k + c] >= NEGLIGIBLE_WEIGHT) summed++;
            boolean allSummed = summed == GROUP;
            if (allSummed) {
                GramKernels.addUpper4(acc, c * dd, stats.moments(u0), stats.moments(u0 + 1), stats.moments(u0 + 2),
                        stats.moments(u0 + 3), d, gamma[u0 * k + c], gamma[(u0 + 1) * k + c],
                        gamma[(u0 + 2) * k + c], gamma[(u0 + 3) * k + c]);
            }
            for (int u = u0; u < u1; u++) {
                if (stats.holdsRows(u)) continue;
                double g = gamma[u * k + c];
                boolean summedHere = g >= NEGLIGIBLE_WEIGHT;
                if (summedHere && !allSummed) GramKernels.addUpper(acc, c * dd, stats.moments(u), 0, d, g);
                addScalars(u, g, summedHere, k, c, acc);
            }
        }
    }

    /** n and weight of node u, weight g, to component c's sums, and s and q (from s_u, q_u) when summed. */
    private void addScalars(int u, double g, boolean summed, int k, int c, double[] acc) {
        int dd = d * d;
        int tail = k * (dd + d) + 3 * c;
        acc[tail + 1] += g * counts[u];
        acc[tail + 2] += g;
        if (!summed) return;
        int xOff = k * dd + c * d;
        for (int i = 0; i < d; i++) acc[xOff + i] += g * xty[u * d + i];
        acc[tail] += g * yty[u];
    }

    /** Node u, one that keeps its rows, into the block's row sums. */
    private void addRows(ComponentRowSums rows, int u, double[] gamma) {
        double[] xy = stats.moments(u);
        int at = stats.momentsOffset(u);
        int n = (int) counts[u];
        rows.add(gamma, u, counts[u], xy, at, xy, at + n * d, n);
    }
}
