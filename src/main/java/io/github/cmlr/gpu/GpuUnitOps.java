package io.github.cmlr.gpu;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.MixtureParams;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared half of the GPU {@link UnitOps}: per-unit scratch on the device, parameter upload
 * and the fixed-order sums. Subclasses bind the units to stacked node statistics
 * ({@link GpuNodeUnits}) or to raw rows ({@link GpuSampleUnits}). Methods are synchronized:
 * they share the device scratch buffers. Per-unit arrays cross in the caller's unit order; where
 * the device orders the units otherwise ({@link #order}), they are permuted on the host.
 */
abstract class GpuUnitOps implements UnitOps {
    protected final Kernels kernels;
    protected final GpuContext ctx;
    protected final Blas blas;
    protected final int units;
    protected final int d;
    protected final int width;
    private final List<DeviceBuffer> owned = new ArrayList<>();
    protected final DeviceBuffer weights;
    protected final DeviceBuffer term;
    protected final DeviceBuffer sumScratch;
    protected final DeviceBuffer sumTotal;
    private DeviceBuffer gamma;
    private DeviceBuffer logLik;
    private int gammaK;
    private double[] totalGram;
    /** Device unit to caller unit, or null when they agree. */
    private final int[] order;

    /** @param blas cuBLAS, or null to use the own kernels */
    GpuUnitOps(Kernels kernels, Blas blas, int units, int d) {
        this(kernels, blas, units, d, null);
    }

    /** @param order device unit to caller unit (a permutation of [0, units)), or null for the identity */
    GpuUnitOps(Kernels kernels, Blas blas, int units, int d, int[] order) {
        this.order = order;
        this.kernels = kernels;
        this.ctx = kernels.context();
        this.blas = blas;
        this.units = units;
        this.d = d;
        this.width = Kernels.stackedWidth(d);
        try {
            this.weights = own(DeviceBuffer.doubles(ctx, units, "per-unit weights"));
            this.term = own(DeviceBuffer.doubles(ctx, units, "per-unit log-likelihood terms"));
            this.sumScratch = own(DeviceBuffer.doubles(ctx, Kernels.sumBlocks(units), "reduction scratch"));
            this.sumTotal = own(DeviceBuffer.doubles(ctx, 1, "reduction total"));
        } catch (RuntimeException e) {
            close(); // an allocation failed (out of memory): free what was allocated
            throw e;
        }
    }

    /** Fixed-order sum of the per-unit log-likelihood terms. */
    private double sumTerms() {
        kernels.sumInOrder(term.ptr(), units, sumScratch.ptr(), sumTotal.ptr());
        return sumTotal.download(1)[0];
    }

    protected final DeviceBuffer own(DeviceBuffer b) {
        owned.add(b);
        return b;
    }

    @Override
    public int units() { return units; }

    @Override
    public int dim() { return d; }

    @Override
    public synchronized double[] totalGram() {
        if (totalGram == null) totalGram = columnSums(null, 1, 0, d * d);
        return totalGram.clone();
    }

    @Override
    public synchronized double symmetricWeights(double[] theta, double sigma2, double[] w) {
        try (DeviceBuffer th = DeviceBuffer.of(ctx, theta, "theta")) {
            launchSymmetric(th, sigma2);
        }
        double logLikSum = sumTerms();
        download(weights, w, 1);
        return logLikSum;
    }

    @Override
    public synchronized void weightedXty(double[] w, double[] out) {
        upload(w, weights, 1);
        double[] r = weightedXtyOnDevice(weights);
        System.arraycopy(r, 0, out, 0, d);
    }

    @Override
    public synchronized double posteriors(MixtureParams params, double[] gammaOut, double[] logLikOut) {
        int k = params.components();
        if (k > Kernels.MAX_COMPONENTS) {
            throw new IllegalArgumentException("the GPU E-step supports K <= " + Kernels.MAX_COMPONENTS + ", got " + k);
        }
        for (int c = 0; c < k; c++) {
            double s2 = params.sigma2(c);
            if (!(s2 > 0) || !Double.isFinite(s2)) {
                throw new IllegalArgumentException("sigma2 of component " + c + " must be finite and > 0, got " + s2);
            }
        }
        ensureGamma(k);
        try (DeviceBuffer p = DeviceBuffer.of(ctx, packParams(params), "mixture parameters")) {
            launchPosteriors(k, p, gamma, logLikOut != null ? logLik : null);
        }
        double total = sumTerms();
        download(gamma, gammaOut, k);
        if (logLikOut != null) download(logLik, logLikOut, k);
        return total;
    }

    @Override
    public synchronized void componentSums(double[] gammaIn, int components, ComponentSums out) {
        ensureGamma(components);
        upload(gammaIn, gamma, components);
        double[] sums = allSums(gamma, components);
        unpack(sums, components, out);
    }

    /** [beta (K*d) | sigma2 (K) | log pi (K)], the layout of the E-step kernels. */
    static double[] packParams(MixtureParams p) {
        int k = p.components();
        int d = p.dim();
        double[] out = new double[k * d + 2 * k];
        System.arraycopy(p.betaFlat(), 0, out, 0, k * d);
        for (int c = 0; c < k; c++) {
            out[k * d + c] = p.sigma2(c);
            out[k * d + k + c] = Math.log(p.weight(c));
        }
        return out;
    }

    /** Copies K blocks of width-long stacked sums into the M-step's ComponentSums. */
    static void unpack(double[] sums, int k, ComponentSums out) {
        int d = out.dim;
        int dd = d * d;
        int w = Kernels.stackedWidth(d);
        for (int c = 0; c < k; c++) {
            System.arraycopy(sums, c * w, out.gram, c * dd, dd);
            System.arraycopy(sums, c * w + dd, out.xty, c * d, d);
            out.yty[c] = sums[c * w + dd + d];
            out.count[c] = sums[c * w + dd + d + 1];
            out.weight[c] = sums[c * w + dd + d + 2];
        }
    }

    /** k values per unit from the device into out, in the caller's order. */
    private void download(DeviceBuffer from, double[] out, int k) {
        if (order == null) {
            from.download(0, out, 0, units * k);
            return;
        }
        NodeLayout.toNodeOrder(from.download(units * k), order, k, out);
    }

    /** k values per unit from the caller's order to the device's. */
    private void upload(double[] in, DeviceBuffer to, int k) {
        if (order == null) {
            to.upload(in, 0, units * k);
            return;
        }
        double[] dev = new double[units * k];
        NodeLayout.toDeviceOrder(in, order, k, dev);
        to.upload(dev, 0, units * k);
    }

    private void ensureGamma(int k) {
        if (gamma != null && gammaK == k) return;
        if (gamma != null) {
            owned.remove(gamma);
            owned.remove(logLik);
            gamma.close();
            logLik.close();
        }
        gamma = own(DeviceBuffer.doubles(ctx, (long) units * k, "posteriors"));
        logLik = own(DeviceBuffer.doubles(ctx, (long) units * k, "per-unit component log-likelihoods"));
        gammaK = k;
    }

    /**
     * Fixed-order gamma-weighted sums of columns [c0, c0+cols) by the own kernels, K blocks of
     * cols; gammaOrNull null means weight 1 and k = 1.
     */
    protected abstract double[] columnSums(DeviceBuffer gammaOrNull, int k, int c0, int cols);

    /**
     * The two-stage reduction of e sums over len items: stage1 writes chunks(len) partials of e
     * into the buffer it is given, then they are summed in chunk order.
     */
    protected final double[] reduce(long len, int e, java.util.function.Consumer<DeviceBuffer> stage1) {
        int chunks = Kernels.chunks(len);
        try (DeviceBuffer partial = DeviceBuffer.doubles(ctx, (long) chunks * e, "reduction partials");
             DeviceBuffer out = DeviceBuffer.doubles(ctx, e, "reduction result")) {
            stage1.accept(partial);
            kernels.sumPartials(partial.ptr(), chunks, e, out.ptr());
            return out.download(e);
        }
    }

    protected abstract void launchSymmetric(DeviceBuffer theta, double sigma2);

    protected abstract void launchPosteriors(int k, DeviceBuffer params, DeviceBuffer gamma, DeviceBuffer logLik);

    /** sum_u w_u s_u from device weights. */
    protected abstract double[] weightedXtyOnDevice(DeviceBuffer w);

    /** All width columns per component (K blocks of width). */
    protected abstract double[] allSums(DeviceBuffer gamma, int k);

    @Override
    public synchronized void close() {
        for (int i = owned.size() - 1; i >= 0; i--) owned.get(i).close();
        owned.clear();
    }
}
