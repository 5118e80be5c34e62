package io.github.cmlr.gpu;

import io.github.cmlr.model.NodeStats;

/**
 * Node units (clustered / grouped algorithms) on the device, each node in its {@link NodeStats}
 * form ({@link NodeLayout}): nodes that keep G_j as stacked rows [G_j | s_j | q_j | n_j | 1]
 * (device units [0, g)), nodes that keep their rows as one packed row matrix (units [g, m)).
 * M-step sums of the stacked nodes are gamma^T * stacked by one cuBLAS GEMM (GEMV for the
 * symmetric model), those of the row nodes X^T diag(gamma_k) X over their rows (each row taking
 * its node's gamma) as standard EM's over samples; without cuBLAS, the own fixed-order kernels.
 * The two parts are added on the host.
 */
final class GpuNodeUnits extends GpuUnitOps {
    private final double[] counts;
    /** Stacked nodes: device units [0, g); the buffer is null when g = 0. */
    private final int g;
    private final DeviceBuffer stacked;
    /** Row nodes (device units [g, units)); null buffers when there are none. */
    private final int rowNodes;
    private final long rows;
    private final DeviceBuffer offsets;
    private final DeviceBuffer rowUnit;
    private final DeviceBuffer x;
    private final DeviceBuffer y;

    /**
     * Device buffers given (non-null) are taken over as the stacked rows, x and y of the layout;
     * the others are uploaded from its host arrays.
     */
    private GpuNodeUnits(Kernels kernels, Blas blas, NodeLayout layout, DeviceBuffer stackedOrNull, DeviceBuffer xOrNull,
                         DeviceBuffer yOrNull, double[] counts) {
        super(kernels, blas, layout.units(), layout.dim(), layout.inNodeOrder() ? null : layout.order());
        this.counts = counts;
        this.g = layout.stackedNodes();
        this.rowNodes = layout.rowNodes();
        this.rows = layout.rows();
        try {
            for (DeviceBuffer b : new DeviceBuffer[] {stackedOrNull, xOrNull, yOrNull}) if (b != null) own(b);
            this.stacked = stackedOrNull != null ? stackedOrNull
                    : g > 0 ? own(DeviceBuffer.of(ctx, layout.stacked(), "stacked node statistics")) : null;
            boolean any = rowNodes > 0;
            this.offsets = any ? own(DeviceBuffer.of(ctx, layout.offsets(), "row node offsets")) : null;
            this.rowUnit = any ? own(DeviceBuffer.of(ctx, layout.rowUnit(), "unit of each kept row")) : null;
            this.x = xOrNull != null ? xOrNull : any ? own(DeviceBuffer.of(ctx, layout.x(), "kept rows x")) : null;
            this.y = yOrNull != null ? yOrNull : any ? own(DeviceBuffer.of(ctx, layout.y(), "kept rows y")) : null;
        } catch (RuntimeException e) {
            close(); // frees what was allocated, and a stacked buffer handed over
            throw e;
        }
    }

    /** Takes ownership of {@code stacked} (m rows of width d*d + d + 3, every node): freed here too when this fails. */
    static GpuNodeUnits owning(Kernels kernels, Blas blas, DeviceBuffer stacked, int m, int d, double[] counts) {
        try {
            return new GpuNodeUnits(kernels, blas, NodeLayout.allStacked(m, d), stacked, null, null, counts);
        } catch (RuntimeException e) {
            stacked.close();
            throw e;
        }
    }

    /**
     * m nodes of n &lt; d rows each that keep them: takes ownership of their rows on the device,
     * {@code x} (m n d, row-major) and {@code y} (m n), freed here too when this fails.
     */
    static GpuNodeUnits owningRows(Kernels kernels, Blas blas, DeviceBuffer x, DeviceBuffer y, int m, int n, int d) {
        try {
            double[] counts = new double[m];
            java.util.Arrays.fill(counts, n);
            return new GpuNodeUnits(kernels, blas, NodeLayout.allRows(m, n, d), null, x, y, counts);
        } catch (RuntimeException e) {
            x.close();
            y.close();
            throw e;
        }
    }

    static GpuNodeUnits upload(Kernels kernels, Blas blas, NodeStats stats) {
        return new GpuNodeUnits(kernels, blas, NodeLayout.of(stats), null, null, null, stats.counts().clone());
    }

    @Override
    public double[] unitCounts() { return counts.clone(); }

    @Override
    public GpuNodeUnits forNodes(NodeStats other) {
        return upload(kernels, blas, other);
    }

    @Override
    protected void launchSymmetric(DeviceBuffer theta, double sigma2) {
        if (g > 0) kernels.symmetricWeights(g, d, stacked.ptr(), theta.ptr(), sigma2, weights.ptr(), term.ptr());
        if (rowNodes > 0) {
            kernels.symmetricWeightsRows(rowNodes, d, g, offsets.ptr(), x.ptr(), y.ptr(), theta.ptr(), sigma2, weights.ptr(), term.ptr());
        }
    }

    @Override
    protected void launchPosteriors(int k, DeviceBuffer params, DeviceBuffer gamma, DeviceBuffer logLik) {
        jcuda.driver.CUdeviceptr ll = logLik == null ? null : logLik.ptr();
        if (g > 0) kernels.posteriors(g, d, k, stacked.ptr(), params.ptr(), gamma.ptr(), ll, term.ptr());
        if (rowNodes > 0) {
            kernels.posteriorsRows(rowNodes, d, k, g, offsets.ptr(), x.ptr(), y.ptr(), params.ptr(), gamma.ptr(), ll, term.ptr());
        }
    }

    @Override
    protected double[] columnSums(DeviceBuffer gammaOrNull, int k, int c0, int cols) {
        jcuda.driver.CUdeviceptr gm = gammaOrNull == null ? null : gammaOrNull.ptr();
        double[] sums = g == 0 ? new double[k * cols]
                : reduce(g, k * cols, p -> kernels.componentSums(g, width, c0, cols, k, stacked.ptr(), gm, p.ptr()));
        return rowNodes == 0 ? sums : add(sums, rowColumnSums(gm, k, c0, cols));
    }

    /** The row nodes' part of {@link #columnSums}. */
    private double[] rowColumnSums(jcuda.driver.CUdeviceptr gammaOrNull, int k, int c0, int cols) {
        return reduce(rows, k * cols, p -> kernels.componentSumsRows(rows, d, c0, cols, k, rowUnit.ptr(), x.ptr(), y.ptr(), gammaOrNull,
                p.ptr()));
    }

    /** a += b, returns a. */
    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        return a;
    }

    @Override
    protected double[] weightedXtyOnDevice(DeviceBuffer w) {
        if (blas == null || g == 0) return columnSums(w, 1, d * d, d);
        double[] out;
        try (DeviceBuffer buf = DeviceBuffer.doubles(ctx, d, "weightedXty")) {
            blas.weightedXty(g, d, width, stacked.ptr(), w.ptr(), buf.ptr());
            out = buf.download(d);
        }
        return rowNodes == 0 ? out : add(out, rowColumnSums(w.ptr(), 1, d * d, d));
    }

    @Override
    protected double[] allSums(DeviceBuffer gamma, int k) {
        if (blas == null) return columnSums(gamma, k, 0, width);
        double[] out = new double[k * width];
        if (g > 0) {
            try (DeviceBuffer buf = DeviceBuffer.doubles(ctx, (long) k * width, "componentSums")) {
                blas.componentSums(g, width, k, stacked.ptr(), gamma.ptr(), buf.ptr());
                out = buf.download(k * width);
            }
        }
        return rowNodes == 0 ? out : add(out, blasRowSums(gamma, k));
    }

    /**
     * The row nodes' sums with cuBLAS, as standard EM's over samples: each kept row takes its
     * node's gamma ({@link Kernels#rowWeights}, rows x K scratch), then X^T diag(gamma_k) X in
     * fixed chunks; q, n and the weight by the own kernel.
     */
    private double[] blasRowSums(DeviceBuffer gamma, int k) {
        double[] tail = rowColumnSums(gamma.ptr(), k, d * d + d, 3);
        try (DeviceBuffer perRow = DeviceBuffer.doubles(ctx, rows * k, "per-row posteriors of kept rows")) {
            kernels.rowWeights(rows, k, rowUnit.ptr(), gamma.ptr(), perRow.ptr());
            return GpuSampleUnits.blasRowSums(ctx, blas, rows, d, k, x, y, perRow, tail);
        }
    }
}
