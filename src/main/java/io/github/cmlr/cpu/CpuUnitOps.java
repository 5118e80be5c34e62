package io.github.cmlr.cpu;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.Parallel;
import java.util.List;

/**
 * The E- and M-step operations over units, written once for both kinds of unit. Subclasses say
 * how a unit exposes its statistics (a node's G, s, q, n, or a sample's x, y). Every reduction
 * forms one partial per fixed block of {@link #blockSize()} units and adds the partials in block
 * order, so results are bitwise identical for any thread count.
 */
abstract class CpuUnitOps implements UnitOps {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    protected final int threads;
    protected final int d;
    private double[] totalGram;

    CpuUnitOps(int dim, int threads) {
        this.d = dim;
        this.threads = threads;
    }

    /** Units per reduction block; a constant of the unit kind, never of the thread count. */
    abstract int blockSize();

    /** {@code <s_u, b[bOff .. bOff+d)>}. */
    abstract double xtyDot(int u, double[] b, int bOff);

    /** {@code ||y_u - X_u b||^2 = q_u - 2 b^T s_u + b^T G_u b} (never negative). */
    abstract double rss(int u, double[] b, int bOff);

    /** {@code acc[off + r*d + c] += g * G_u[r][c]} for c >= r (upper triangle only). */
    abstract void addGramUpper(int u, double g, double[] acc, int off);

    /** {@code acc[off + r] += g * s_u[r]}. */
    abstract void addXty(int u, double g, double[] acc, int off);

    abstract double yty(int u);

    abstract double count(int u);

    @Override
    public int dim() { return d; }

    @Override
    public double[] unitCounts() {
        double[] n = new double[units()];
        for (int u = 0; u < n.length; u++) n[u] = count(u);
        return n;
    }

    @Override
    public synchronized double[] totalGram() {
        if (totalGram == null) {
            List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads, (u0, u1) -> {
                double[] acc = new double[d * d];
                for (int u = u0; u < u1; u++) addGramUpper(u, 1.0, acc, 0);
                return acc;
            });
            totalGram = Parallel.sumInOrder(parts, d * d);
            Dense.mirrorUpper(totalGram, 0, d);
        }
        return totalGram.clone();
    }

    @Override
    public double symmetricWeights(double[] theta, double sigma2, double[] w) {
        double inv = 1.0 / sigma2;
        List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads, (u0, u1) -> {
            double logCosh = 0;
            for (int u = u0; u < u1; u++) {
                double a = xtyDot(u, theta, 0) * inv;
                w[u] = Math.tanh(a);
                logCosh += StableMath.logCosh(a);
            }
            return new double[] {logCosh};
        });
        double quad = Dense.quadForm(totalGram(), 0, theta, 0, d); // sum_u theta^T G_u theta
        return Parallel.sumInOrder(parts, 1)[0] - quad * inv / 2;
    }

    @Override
    public void weightedXty(double[] w, double[] out) {
        List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads, (u0, u1) -> {
            double[] acc = new double[d];
            for (int u = u0; u < u1; u++) addXty(u, w[u], acc, 0);
            return acc;
        });
        System.arraycopy(Parallel.sumInOrder(parts, d), 0, out, 0, d);
    }

    @Override
    public double posteriors(MixtureParams params, double[] gamma, double[] logLik) {
        int k = params.components();
        double[] beta = params.betaFlat();
        double[] logPi = new double[k];
        double[] halfLog2PiS2 = new double[k];
        double[] inv2S2 = new double[k];
        for (int c = 0; c < k; c++) {
            double s2 = params.sigma2(c);
            if (!(s2 > 0) || !Double.isFinite(s2)) {
                throw new IllegalArgumentException("sigma2 of component " + c + " must be finite and > 0, got " + s2);
            }
            logPi[c] = Math.log(params.weight(c));
            halfLog2PiS2[c] = 0.5 * (LOG_2PI + Math.log(params.sigma2(c)));
            inv2S2[c] = 0.5 / params.sigma2(c);
        }
        double[] l = logLik != null ? logLik : new double[units() * k];
        List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads, (u0, u1) -> {
            double sum = 0;
            for (int u = u0; u < u1; u++) {
                double n = count(u);
                for (int c = 0; c < k; c++) {
                    l[u * k + c] = logPi[c] - n * halfLog2PiS2[c] - rss(u, beta, c * d) * inv2S2[c];
                }
                sum += StableMath.softmax(l, u * k, k, gamma);
            }
            return new double[] {sum};
        });
        return Parallel.sumInOrder(parts, 1)[0];
    }

    @Override
    public void componentSums(double[] gamma, int components, ComponentSums out) {
        int k = components;
        int dd = d * d;
        int len = k * (dd + d + 3);
        List<double[]> parts = Parallel.mapBlocks(units(), blockSize(), threads, (u0, u1) -> {
            double[] acc = new double[len];
            for (int u = u0; u < u1; u++) {
                for (int c = 0; c < k; c++) {
                    double g = gamma[u * k + c];
                    if (g == 0) continue;
                    addGramUpper(u, g, acc, c * dd);
                    addXty(u, g, acc, k * dd + c * d);
                    int tail = k * (dd + d) + 3 * c;
                    acc[tail] += g * yty(u);
                    acc[tail + 1] += g * count(u);
                    acc[tail + 2] += g;
                }
            }
            return acc;
        });
        unpack(Parallel.sumInOrder(parts, len), k, out);
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
