package io.github.cmlr.cpu;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.Parallel;
import java.util.List;

/**
 * The E- and M-step operations over units, with the reductions written once for both kinds of
 * unit. Subclasses supply the per-block kernels over their own arrays (a node's G, s, q, n, or a
 * sample's x, y). Every reduction forms one partial per fixed block of {@link #blockSize()} units
 * and adds the partials in block order, so results are bitwise identical for any thread count.
 */
abstract class CpuUnitOps implements UnitOps {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /**
     * Posterior weights below this are left out of a component's G, s and q sums (never out of its
     * n and weight): once EM has settled, most units' posteriors for all but one component are of
     * order exp(-100) or smaller, and skipping them spares most of the M-step's d^2 work at K > 2.
     * The sums change by at most units x 2^-64 / weight relative, far below the convergence
     * tolerances; whether a unit is skipped depends on its weight alone, never on threads.
     */
    static final double NEGLIGIBLE_WEIGHT = 0x1p-64;

    protected final int threads;
    protected final int d;
    private double[] totals;

    CpuUnitOps(int dim, int threads) {
        this.d = dim;
        this.threads = threads;
    }

    /** Units per reduction block; a constant of the unit kind, never of the thread count. */
    abstract int blockSize();

    abstract double count(int u);

    /**
     * Writes {@code w[u] = tanh(a_u)} for u in [u0, u1), a_u = {@code <s_u, theta> * inv}; returns
     * the sum of log cosh(a_u) in unit order.
     */
    abstract double symmetricBlock(int u0, int u1, double[] theta, double inv, double[] w);

    /** {@code acc[r] += sum_u w[u] s_u[r]} over [u0, u1). */
    abstract void xtyBlock(int u0, int u1, double[] w, double[] acc);

    /**
     * The E-step of [u0, u1): writes {@code l[u*K + c]} and the posteriors; returns the sum of the
     * units' log-sum-exp in unit order.
     */
    abstract double posteriorsBlock(int u0, int u1, Densities p, double[] gamma, double[] l);

    /**
     * Adds the block's gamma-weighted sums to acc, laid out as K upper triangles of G (d*d each,
     * row-major; entries below the diagonal are ignored), then K blocks of s, then per component
     * (q, n, weight).
     */
    abstract void sumsBlock(int u0, int u1, double[] gamma, int k, double[] acc);

    /** The constants of the component log-densities of one E-step. */
    static final class Densities {
        final int k;
        final double[] beta;
        final double[] logPi;
        final double[] halfLog2PiS2;
        final double[] inv2S2;
        /** The component whose sums the fused pass forms as the totals minus the others', or -1 ({@link #complementOf}). */
        final int complement;

        Densities(MixtureParams params) {
            this(params, -1);
        }

        Densities(MixtureParams params, int complement) {
            this.complement = complement;
            k = params.components();
            beta = params.betaFlat();
            logPi = new double[k];
            halfLog2PiS2 = new double[k];
            inv2S2 = new double[k];
            for (int c = 0; c < k; c++) {
                double s2 = params.sigma2(c);
                if (!(s2 > 0) || !Double.isFinite(s2)) {
                    throw new IllegalArgumentException("sigma2 of component " + c + " must be finite and > 0, got " + s2);
                }
                logPi[c] = Math.log(params.weight(c));
                halfLog2PiS2[c] = 0.5 * (LOG_2PI + Math.log(s2));
                inv2S2[c] = 0.5 / s2;
            }
        }

        /** {@code l_uc = log pi_c - n_u/2 log(2 pi sigma_c^2) - RSS_uc / (2 sigma_c^2)}. */
        double logDensity(int c, double n, double rss) {
            return logPi[c] - n * halfLog2PiS2[c] - rss * inv2S2[c];
        }
    }

    @Override
    public int dim() { return d; }

    @Override
    public double[] unitCounts() {
        double[] n = new double[units()];
        for (int u = 0; u < n.length; u++) n[u] = count(u);
        return n;
    }

    /**
     * The component c* whose sums {@link #posteriorsAndSums} forms as the totals minus the other
     * components' ({@code S_c* = A - sum_{c != c*} S_c}, likewise s, q, n, weight: posteriors sum
     * to 1 per unit, so the K sums add up to the totals): K - 1 passes of weighted sums instead of
     * K. -1 (every sum formed directly) unless a unit kind says otherwise.
     */
    int complementOf(MixtureParams params) {
        return -1;
    }

    /** The component of largest weight (the first of equal ones); -1 for K < 2. */
    static int heaviest(MixtureParams params) {
        int k = params.components();
        if (k < 2) return -1;
        int best = 0;
        for (int c = 1; c < k; c++) if (params.weight(c) > params.weight(best)) best = c;
        return best;
    }

    @Override
    public double[] totalGram() {
        return java.util.Arrays.copyOf(totals(), d * d);
    }

    /**
     * The sums of all units with weight 1, formed once (they do not depend on the parameters):
     * A = sum_u G_u (d x d, both triangles), then sum s_u, sum q_u, sum n_u and the unit count;
     * shared, not copied.
     */
    private synchronized double[] totals() {
        if (totals == null) {
            double[] ones = new double[units()];
            java.util.Arrays.fill(ones, 1.0);
            int len = d * d + d + 3;
            List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads, (u0, u1) -> {
                double[] acc = new double[len];
                sumsBlock(u0, u1, ones, 1, acc);
                return acc;
            });
            double[] sum = Parallel.sumInOrder(parts, len);
            Dense.mirrorUpper(sum, 0, d);
            totals = sum;
        }
        return totals;
    }

    @Override
    public double symmetricWeights(double[] theta, double sigma2, double[] w) {
        double inv = 1.0 / sigma2;
        List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads,
                (u0, u1) -> new double[] {symmetricBlock(u0, u1, theta, inv, w)});
        double quad = Dense.quadForm(totals(), 0, theta, 0, d); // sum_u theta^T G_u theta
        return Parallel.sumInOrder(parts, 1)[0] - quad * inv / 2;
    }

    @Override
    public void weightedXty(double[] w, double[] out) {
        List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads, (u0, u1) -> {
            double[] acc = new double[d];
            xtyBlock(u0, u1, w, acc);
            return acc;
        });
        System.arraycopy(Parallel.sumInOrder(parts, d), 0, out, 0, d);
    }

    @Override
    public double posteriors(MixtureParams params, double[] gamma, double[] logLik) {
        Densities p = new Densities(params);
        double[] l = logLik != null ? logLik : new double[units() * p.k];
        List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads,
                (u0, u1) -> new double[] {posteriorsBlock(u0, u1, p, gamma, l)});
        return Parallel.sumInOrder(parts, 1)[0];
    }

    @Override
    public void componentSums(double[] gamma, int components, ComponentSums out) {
        int k = components;
        int len = k * (d * d + d + 3);
        List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads, (u0, u1) -> {
            double[] acc = new double[len];
            sumsBlock(u0, u1, gamma, k, acc);
            return acc;
        });
        unpack(Parallel.sumInOrder(parts, len), k, out);
    }

    /**
     * Both in one pass: per block, the posteriors then their sums (partials added in block order, as
     * apart). Where {@link #complementOf} names a component, its sums are the totals minus the
     * others' (equal to the direct sums up to rounding of order eps times the totals), so the pass
     * sums K - 1 components.
     */
    @Override
    public double posteriorsAndSums(MixtureParams params, double[] gamma, double[] logLik, ComponentSums out) {
        Densities p = new Densities(params, complementOf(params));
        int k = p.k;
        double[] l = logLik != null ? logLik : new double[units() * k];
        int len = k * (d * d + d + 3);
        List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads, (u0, u1) -> {
            double[] acc = new double[len + 1];
            acc[len] = posteriorsAndSumsBlock(u0, u1, p, gamma, l, acc);
            return acc;
        });
        double[] sum = Parallel.sumInOrder(parts, len + 1);
        if (p.complement >= 0) complement(sum, k, p.complement);
        unpack(sum, k, out);
        return sum[len];
    }

    /**
     * The E-step of [u0, u1) and the sums of its posteriors added to acc (layout of
     * {@link #sumsBlock}); returns what {@link #posteriorsBlock} returns. This default runs the two
     * over the block in turn; a unit type may fuse them unit by unit.
     */
    double posteriorsAndSumsBlock(int u0, int u1, Densities p, double[] gamma, double[] l, double[] acc) {
        double ll = posteriorsBlock(u0, u1, p, gamma, l);
        sumsBlock(u0, u1, gamma, p.k, acc);
        return ll;
    }

    /**
     * Component c's sums (upper triangle of G, s, q, n, weight) = the totals ({@link #totals}) minus
     * the other K - 1 components', subtracted in component order.
     */
    private void complement(double[] sum, int k, int c) {
        double[] t = totals();
        int dd = d * d;
        for (int r = 0; r < d; r++) {
            for (int i = r; i < d; i++) sum[c * dd + r * d + i] = minusOthers(t[r * d + i], sum, r * d + i, dd, k, c);
        }
        for (int i = 0; i < d; i++) sum[k * dd + c * d + i] = minusOthers(t[dd + i], sum, k * dd + i, d, k, c);
        for (int i = 0; i < 3; i++) sum[k * (dd + d) + 3 * c + i] = minusOthers(t[dd + d + i], sum, k * (dd + d) + i, 3, k, c);
    }

    /** total - sum_{o != c} sum[first + o * stride]. */
    private static double minusOthers(double total, double[] sum, int first, int stride, int k, int c) {
        double v = total;
        for (int o = 0; o < k; o++) if (o != c) v -= sum[first + o * stride];
        return v;
    }

    private void unpack(double[] sum, int k, ComponentSums out) {
        int dd = d * d;
        if (out.components != k || out.dim != d) throw new IllegalArgumentException("ComponentSums shape");
        System.arraycopy(sum, 0, out.gram, 0, k * dd);
        for (int c = 0; c < k; c++) Dense.mirrorUpper(out.gram, c * dd, d);
        System.arraycopy(sum, k * dd, out.xty, 0, k * d);
        for (int c = 0; c < k; c++) {
            int tail = k * (dd + d) + 3 * c;
            out.yty[c] = sum[tail];
            out.count[c] = sum[tail + 1];
            out.weight[c] = sum[tail + 2];
        }
    }

    @Override
    public void close() {
        // plain Java memory
    }
}
