package io.github.cmlr.gpu;

import io.github.cmlr.model.Dataset;
import java.util.Arrays;

/**
 * Sample units (standard EM, ungrouped model) on the device: the raw rows x (row-major) and y.
 * M-step Gram sums are X^T diag(gamma_k) X by cuBLAS (DGMM + GEMM in fixed chunks), or by the
 * own fixed-order kernels without cuBLAS.
 */
final class GpuSampleUnits extends GpuUnitOps {
    /** Samples per cuBLAS chunk: bounds the X diag(gamma_k) scratch to 8 * d * CHUNK bytes. */
    static final int BLAS_CHUNK = 1 << 20;

    private final DeviceBuffer x;
    private final DeviceBuffer y;

    GpuSampleUnits(Kernels kernels, Blas blas, Dataset data) {
        super(kernels, blas, data.rows(), data.dim());
        try {
            this.x = own(DeviceBuffer.of(ctx, data.x(), "features x"));
            this.y = own(DeviceBuffer.of(ctx, data.y(), "responses y"));
        } catch (RuntimeException e) {
            close(); // frees the buffers allocated so far
            throw e;
        }
    }

    @Override
    public double[] unitCounts() {
        double[] ones = new double[units];
        Arrays.fill(ones, 1.0);
        return ones;
    }

    @Override
    protected void launchSymmetric(DeviceBuffer theta, double sigma2) {
        kernels.symmetricWeightsSamples(units, d, x.ptr(), y.ptr(), theta.ptr(), sigma2, weights.ptr(), term.ptr());
    }

    @Override
    protected void launchPosteriors(int k, DeviceBuffer params, DeviceBuffer gamma, DeviceBuffer logLik) {
        kernels.posteriorsSamples(units, d, k, x.ptr(), y.ptr(), params.ptr(), gamma.ptr(), logLik == null ? null : logLik.ptr(),
                term.ptr());
    }

    @Override
    protected double[] columnSums(DeviceBuffer gammaOrNull, int k, int c0, int cols) {
        return reduce(units, k * cols, partial -> kernels.componentSumsSamples(units, d, c0, cols, k, x.ptr(), y.ptr(),
                gammaOrNull == null ? null : gammaOrNull.ptr(), partial.ptr()));
    }

    @Override
    protected double[] weightedXtyOnDevice(DeviceBuffer w) {
        return columnSums(w, 1, d * d, d);
    }

    @Override
    protected double[] allSums(DeviceBuffer gamma, int k) {
        if (blas == null) return columnSums(gamma, k, 0, width);
        return blasRowSums(ctx, blas, units, d, k, x, y, gamma, columnSums(gamma, k, d * d + d, 3));
    }

    /**
     * Stacked sums (K blocks of width d*d + d + 3) of rows x (row-major), y weighted per row by
     * gamma (rows x K): X^T diag(gamma_k) X and X^T diag(gamma_k) y by cuBLAS in fixed chunks of
     * {@link #BLAS_CHUNK} rows, the last three columns from {@code tail} (K blocks of 3).
     */
    static double[] blasRowSums(GpuContext ctx, Blas blas, long rows, int d, int k, DeviceBuffer x, DeviceBuffer y,
                                DeviceBuffer gamma, double[] tail) {
        int dd = d * d;
        int width = Kernels.stackedWidth(d);
        double[] out = new double[k * width];
        int chunk = (int) Math.min(rows, BLAS_CHUNK);
        try (DeviceBuffer scratch = DeviceBuffer.doubles(ctx, (long) d * chunk, "X diag(gamma_k) scratch");
             DeviceBuffer gram = DeviceBuffer.doubles(ctx, dd, "component Gram");
             DeviceBuffer xty = DeviceBuffer.doubles(ctx, d, "component X^T y")) {
            java.util.Map<String, jcuda.driver.CUdeviceptr> ops = java.util.Map.of("x", x.ptr(), "y", y.ptr(), "gamma", gamma.ptr(),
                    "scratch", scratch.ptr(), "gram", gram.ptr(), "xty", xty.ptr());
            for (int c = 0; c < k; c++) {
                for (long u0 = 0; u0 < rows; u0 += chunk) {
                    blas.sampleSums(u0, (int) Math.min(chunk, rows - u0), d, k, c, ops, u0 == 0);
                }
                gram.download(0, out, c * width, dd);
                xty.download(0, out, c * width + dd, d);
                System.arraycopy(tail, c * 3, out, c * width + dd + d, 3);
            }
        }
        return out;
    }
}
