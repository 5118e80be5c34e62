package io.github.cmlr.gpu;

import io.github.cmlr.model.NodeStats;

/**
 * Node units (clustered / grouped algorithms) on the device: one stacked row
 * [G_j | s_j | q_j | n_j | 1] per node. M-step sums are gamma^T * stacked by one cuBLAS GEMM
 * (GEMV for the symmetric model), or by the own fixed-order kernels without cuBLAS.
 */
final class GpuNodeUnits extends GpuUnitOps {
    private final DeviceBuffer stacked;
    private final double[] counts;

    private GpuNodeUnits(Kernels kernels, Blas blas, DeviceBuffer stacked, int m, int d, double[] counts) {
        super(kernels, blas, m, d);
        this.stacked = own(stacked);
        this.counts = counts;
    }

    /** Takes ownership of {@code stacked} (m rows of width d*d + d + 3): freed here too when this fails. */
    static GpuNodeUnits owning(Kernels kernels, Blas blas, DeviceBuffer stacked, int m, int d, double[] counts) {
        try {
            return new GpuNodeUnits(kernels, blas, stacked, m, d, counts);
        } catch (RuntimeException e) {
            stacked.close();
            throw e;
        }
    }

    static GpuNodeUnits upload(Kernels kernels, Blas blas, NodeStats stats) {
        double[] rows = stack(stats);
        DeviceBuffer buf = DeviceBuffer.of(kernels.context(), rows, "stacked node statistics");
        return owning(kernels, blas, buf, stats.nodes(), stats.dim(), stats.counts().clone());
    }

    /** Host-side stacking of NodeStats into rows [G | s | q | n | 1]. */
    static double[] stack(NodeStats s) {
        int m = s.nodes();
        int d = s.dim();
        int dd = d * d;
        int w = Kernels.stackedWidth(d);
        double[] out = new double[m * w];
        for (int j = 0; j < m; j++) {
            s.gram(j, out, j * w);
            System.arraycopy(s.xty(), j * d, out, j * w + dd, d);
            out[j * w + dd + d] = s.yty()[j];
            out[j * w + dd + d + 1] = s.counts()[j];
            out[j * w + dd + d + 2] = 1.0;
        }
        return out;
    }

    /** The inverse of {@link #stack}. */
    static NodeStats unstack(double[] rows, int m, int d) {
        int dd = d * d;
        int w = Kernels.stackedWidth(d);
        double[] counts = new double[m];
        double[] gram = new double[m * dd];
        double[] xty = new double[m * d];
        double[] yty = new double[m];
        for (int j = 0; j < m; j++) {
            System.arraycopy(rows, j * w, gram, j * dd, dd);
            System.arraycopy(rows, j * w + dd, xty, j * d, d);
            yty[j] = rows[j * w + dd + d];
            counts[j] = rows[j * w + dd + d + 1];
        }
        return new NodeStats(d, counts, gram, xty, yty, null);
    }

    @Override
    public double[] unitCounts() { return counts.clone(); }

    @Override
    protected void launchSymmetric(DeviceBuffer theta, double sigma2) {
        kernels.symmetricWeights(units, d, stacked.ptr(), theta.ptr(), sigma2, weights.ptr(), term.ptr());
    }

    @Override
    protected void launchPosteriors(int k, DeviceBuffer params, DeviceBuffer gamma, DeviceBuffer logLik) {
        kernels.posteriors(units, d, k, stacked.ptr(), params.ptr(), gamma.ptr(), logLik == null ? null : logLik.ptr(), term.ptr());
    }

    @Override
    protected void launchColumnSums(DeviceBuffer gammaOrNull, int k, int c0, int cols, DeviceBuffer partial) {
        kernels.componentSums(units, width, c0, cols, k, stacked.ptr(), gammaOrNull == null ? null : gammaOrNull.ptr(), partial.ptr());
    }

    @Override
    protected double[] weightedXtyOnDevice(DeviceBuffer w) {
        if (blas == null) return columnSums(w, 1, d * d, d);
        try (DeviceBuffer out = DeviceBuffer.doubles(ctx, d, "weightedXty")) {
            blas.weightedXty(units, d, width, stacked.ptr(), w.ptr(), out.ptr());
            return out.download(d);
        }
    }

    @Override
    protected double[] allSums(DeviceBuffer gamma, int k) {
        if (blas == null) return columnSums(gamma, k, 0, width);
        try (DeviceBuffer out = DeviceBuffer.doubles(ctx, (long) k * width, "componentSums")) {
            blas.componentSums(units, width, k, stacked.ptr(), gamma.ptr(), out.ptr());
            return out.download(k * width);
        }
    }
}
