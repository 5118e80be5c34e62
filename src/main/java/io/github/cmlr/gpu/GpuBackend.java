package io.github.cmlr.gpu;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.data.SyntheticLayout;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;

/**
 * The CUDA backend: generation with cuRAND (or the own Philox kernel), per-node statistics with
 * cuBLAS strided-batched GEMM (or the own kernel), E-step kernels, M-step sums by cuBLAS GEMM (or
 * the own fixed-order kernels). Same numbers as the CPU backend within the tolerances that
 * {@code cmlr crosscheck} documents. Holds one context and module for its whole life, so many
 * small runs do not pay start-up costs.
 */
public final class GpuBackend implements Backend {
    private final GpuContext ctx;
    private final Kernels kernels;
    private final Blas blas;
    private final Rand rand;

    /** Takes ownership of all three; blas and rand may be null (own kernels instead). */
    GpuBackend(GpuContext ctx, Blas blas, Rand rand) {
        this.ctx = ctx;
        this.kernels = new Kernels(ctx);
        this.blas = blas;
        this.rand = rand;
    }

    public GpuContext context() { return ctx; }

    public boolean usesCublas() { return blas != null; }

    public boolean usesCurand() { return rand != null; }

    @Override
    public String name() { return "gpu"; }

    @Override
    public String description() {
        return "gpu (" + ctx.deviceName() + ", compute capability " + ctx.ccMajor() + "." + ctx.ccMinor() + ", "
                + (ctx.totalBytes() >> 30) + " GiB; " + (blas != null ? "cuBLAS " + blas.version() + " through " + NativeLibraries.load().cublasRoute() : "own product kernels")
                + ", " + (rand != null ? "cuRAND " + rand.version() : "own Philox kernel") + ")";
    }

    @Override
    public Dataset generate(SyntheticSpec spec) {
        long cells = spec.samples() * spec.d();
        if (cells > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("m*n*d = " + cells + " does not fit one in-memory dataset; use chunked statistics");
        }
        int m = spec.m();
        int rows = (int) spec.samples();
        try (SyntheticChunk chunk = new SyntheticChunk(spec, m)) {
            chunk.generate(0, m);
            double[] x = chunk.x.download((int) cells);
            double[] y = chunk.y.download(rows);
            int[] labels = new int[m];
            chunk.labels.downloadInts(labels, 0, m);
            return new Dataset(spec.d(), Dataset.equalOffsets(m, spec.n()), x, y, null, labels);
        }
    }

    @Override
    public NodeStats nodeStats(Dataset data) {
        int m = data.nodes();
        int d = data.dim();
        try (DeviceBuffer x = DeviceBuffer.of(ctx, data.x(), "features x");
             DeviceBuffer y = DeviceBuffer.of(ctx, data.y(), "responses y");
             DeviceBuffer off = DeviceBuffer.of(ctx, data.offsets(), "node offsets");
             DeviceBuffer stacked = DeviceBuffer.doubles(ctx, (long) m * Kernels.stackedWidth(d), "stacked node statistics")) {
            statsInto(m, data.isBalanced() ? data.nodeSize(0) : -1, d, off, x, y, stacked, 0);
            return NodeLayout.unstack(stacked.download(m * Kernels.stackedWidth(d)), data);
        }
    }

    /** Statistics of m nodes into stacked rows starting at row {@code row0}; n = -1 for unequal nodes. */
    private void statsInto(int m, int n, int d, DeviceBuffer off, DeviceBuffer x, DeviceBuffer y, DeviceBuffer stacked, long row0) {
        if (blas != null && n > 0) {
            blas.nodeStats(m, n, d, x.ptr(), y.ptr(), stacked.at(row0 * Kernels.stackedWidth(d)), Kernels.stackedWidth(d));
            kernels.fillCountColumns(m, d, off.ptr(), stacked.ptr(), row0);
        } else {
            kernels.nodeStats(m, d, off.ptr(), x.ptr(), y.ptr(), stacked.ptr(), row0);
        }
    }

    @Override
    public UnitOps nodeUnits(NodeStats stats) {
        return GpuNodeUnits.upload(kernels, blas, stats);
    }

    @Override
    public UnitOps sampleUnits(Dataset data) {
        return new GpuSampleUnits(kernels, blas, data);
    }

    /**
     * Generation and statistics of a synthetic dataset chunk by chunk on the device, never
     * holding more than {@code chunkNodes} nodes of rows: returns node units whose statistics
     * stay on the device (the benchmark's pipeline, m*n up to the device memory of the stats).
     */
    public UnitOps syntheticNodeUnits(SyntheticSpec spec, int chunkNodes) {
        return syntheticNodeUnits(spec, chunkNodes, null);
    }

    /**
     * As {@link #syntheticNodeUnits(SyntheticSpec, int)}; when {@code phaseNanos} (length 2) is
     * given, the device is synchronised between phases and the generation and statistics times
     * are added to phaseNanos[0] and phaseNanos[1] (benchmark only: it serialises the phases).
     */
    public UnitOps syntheticNodeUnits(SyntheticSpec spec, int chunkNodes, long[] phaseNanos) {
        int m = spec.m();
        int d = spec.d();
        int chunk = Math.max(4, Math.min(m, chunkNodes) / 4 * 4);
        if (NodeStats.keepsRows(spec.n(), d)) return syntheticRowUnits(spec, chunk, phaseNanos);
        DeviceBuffer stacked = DeviceBuffer.doubles(ctx, (long) m * Kernels.stackedWidth(d), "stacked node statistics");
        try (SyntheticChunk gen = new SyntheticChunk(spec, chunk);
             DeviceBuffer off = DeviceBuffer.of(ctx, Dataset.equalOffsets(chunk, spec.n()), "chunk offsets")) {
            forEachChunk(gen, m, chunk, phaseNanos, (j0, j1) -> statsInto(j1 - j0, spec.n(), d, off, gen.x, gen.y, stacked, j0));
        } catch (RuntimeException e) {
            stacked.close();
            throw e;
        }
        double[] counts = new double[m];
        java.util.Arrays.fill(counts, spec.n());
        return GpuNodeUnits.owning(kernels, blas, stacked, m, d, counts);
    }

    /**
     * {@link #syntheticNodeUnits} for nodes of n &lt; d rows, which keep their rows (model/NodeStats):
     * each chunk's generated rows are copied into place; the copy is the statistics phase.
     */
    private UnitOps syntheticRowUnits(SyntheticSpec spec, int chunk, long[] phaseNanos) {
        int m = spec.m();
        int n = spec.n();
        int d = spec.d();
        DeviceBuffer x = DeviceBuffer.doubles(ctx, spec.samples() * d, "kept rows x");
        DeviceBuffer y = null;
        try (SyntheticChunk gen = new SyntheticChunk(spec, chunk)) {
            y = DeviceBuffer.doubles(ctx, spec.samples(), "kept rows y");
            DeviceBuffer ys = y;
            forEachChunk(gen, m, chunk, phaseNanos, (j0, j1) -> {
                long rows = (long) (j1 - j0) * n;
                copy(gen.x, x, (long) j0 * n * d, rows * d);
                copy(gen.y, ys, (long) j0 * n, rows);
            });
        } catch (RuntimeException e) {
            x.close();
            if (y != null) y.close();
            throw e;
        }
        return GpuNodeUnits.owningRows(kernels, blas, x, y, m, n, d);
    }

    /** What a synthetic pipeline does with the generated nodes [j0, j1) of one chunk. */
    private interface ChunkStep {
        void accept(int j0, int j1);
    }

    /**
     * Generates the m nodes chunk by chunk and hands each chunk to {@code step}; with
     * {@code phaseNanos} the two phases are timed apart (generation [0], the step [1]), each
     * closed by a synchronisation so that the device's queued work is counted where it belongs.
     */
    private void forEachChunk(SyntheticChunk gen, int m, int chunk, long[] phaseNanos, ChunkStep step) {
        for (int j0 = 0; j0 < m; j0 += chunk) {
            int j1 = Math.min(m, j0 + chunk);
            long t0 = phaseNanos == null ? 0 : System.nanoTime();
            gen.generate(j0, j1);
            if (phaseNanos != null) {
                ctx.synchronize();
                phaseNanos[0] += System.nanoTime() - t0;
                t0 = System.nanoTime();
            }
            step.accept(j0, j1);
            if (phaseNanos != null) {
                ctx.synchronize();
                phaseNanos[1] += System.nanoTime() - t0;
            }
        }
        ctx.synchronize();
    }

    /** doubles [0, len) of src to dst[at ..] (device to device). */
    private void copy(DeviceBuffer src, DeviceBuffer dst, long at, long len) {
        ctx.makeCurrent();
        Cuda.drv("cuMemcpyDtoD", () -> jcuda.driver.JCudaDriver.cuMemcpyDtoD(dst.at(at), src.ptr(), len * 8));
    }

    /** Stream values [start, start + len) generated on the device (cuRAND, or the own kernel). */
    public double[] normals(long seed, long start, int len) {
        try (DeviceBuffer buf = DeviceBuffer.doubles(ctx, len + 1L, "normal stream")) {
            normalFill(seed, start, buf, len);
            return buf.download(len);
        }
    }

    /** Raw cuRAND (or own kernel) rate baseline: fills {@code len} normals into {@code out}. */
    void normalFill(long seed, long start, DeviceBuffer out, long len) {
        if (rand != null) rand.normalFill(seed, start, out.ptr(), len);
        else kernels.normalFill(seed, start, out.ptr(), len);
    }

    Kernels kernels() { return kernels; }

    /** Device-to-device copy bandwidth baseline: copies {@code doubles} doubles {@code reps} times; bytes/s moved (read + write). */
    public double measureCopyBandwidth(long doubles, int reps) {
        try (DeviceBuffer a = DeviceBuffer.doubles(ctx, doubles, "bandwidth source");
             DeviceBuffer b = DeviceBuffer.doubles(ctx, doubles, "bandwidth target")) {
            kernels.copyDoubles(a.ptr(), b.ptr(), doubles);
            ctx.synchronize();
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                Cuda.drv("cuMemcpyDtoD", () -> jcuda.driver.JCudaDriver.cuMemcpyDtoD(b.ptr(), a.ptr(), doubles * 8));
            }
            ctx.synchronize();
            double memcpy = 2.0 * doubles * 8 * reps / ((System.nanoTime() - t0) * 1e-9);
            t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) kernels.copyDoubles(a.ptr(), b.ptr(), doubles);
            ctx.synchronize();
            double kernel = 2.0 * doubles * 8 * reps / ((System.nanoTime() - t0) * 1e-9);
            return Math.max(memcpy, kernel);
        }
    }

    /** Raw normal generation rate (cuRAND, or the own kernel without it): doubles per second. */
    public double measureNormalRate(long doubles, int reps) {
        try (DeviceBuffer a = DeviceBuffer.doubles(ctx, doubles + 1, "generation target")) {
            normalFill(1L, 0, a, doubles);
            ctx.synchronize();
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) normalFill(1L + r, 0, a, doubles);
            ctx.synchronize();
            return (double) doubles * reps / ((System.nanoTime() - t0) * 1e-9);
        }
    }

    /** Device buffers for generating up to {@code capacity} nodes of a synthetic dataset. */
    private final class SyntheticChunk implements AutoCloseable {
        final SyntheticSpec spec;
        final SyntheticLayout layout;
        final DeviceBuffer x;
        final DeviceBuffer y;
        final DeviceBuffer sign;
        final DeviceBuffer labels;
        final DeviceBuffer theta;

        SyntheticChunk(SyntheticSpec spec, int capacity) {
            this.spec = spec;
            this.layout = SyntheticLayout.of(spec);
            long rows = (long) capacity * spec.n();
            // +1: cuRAND writes an even count.
            DeviceBuffer xb = null, yb = null, sb = null, lb = null;
            try {
                xb = DeviceBuffer.doubles(ctx, rows * spec.d() + 1, "features x");
                yb = DeviceBuffer.doubles(ctx, rows + 1, "responses y");
                sb = DeviceBuffer.doubles(ctx, capacity + 1, "node signs");
                lb = DeviceBuffer.ints(ctx, capacity, "labels");
                theta = DeviceBuffer.of(ctx, SyntheticGenerator.thetaStar(spec), "theta*");
            } catch (RuntimeException e) {
                for (DeviceBuffer b : new DeviceBuffer[] {xb, yb, sb, lb}) if (b != null) b.close();
                throw e;
            }
            x = xb;
            y = yb;
            sign = sb;
            labels = lb;
        }

        /** Nodes [j0, j1) of the dataset into the chunk buffers (node j0 at index 0). */
        void generate(int j0, int j1) {
            long n = spec.n();
            int d = spec.d();
            long rows = (j1 - j0) * n;
            normalFill(spec.seed(), layout.signOffset() + j0, sign, j1 - j0);
            normalFill(spec.seed(), layout.xOffset() + j0 * n * d, x, rows * d);
            normalFill(spec.seed(), layout.noiseOffset() + j0 * n, y, rows);
            kernels.fillNodes(rows, spec.n(), d, theta.ptr(), spec.sigma(), sign.ptr(), x.ptr(), y.ptr(), labels.ptr());
        }

        @Override
        public void close() {
            theta.close();
            labels.close();
            sign.close();
            y.close();
            x.close();
        }
    }

    @Override
    public void close() {
        if (rand != null) rand.close();
        if (blas != null) blas.close();
        ctx.close();
    }
}
