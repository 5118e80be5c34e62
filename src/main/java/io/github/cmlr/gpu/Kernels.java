package io.github.cmlr.gpu;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * Typed launchers for the kernels in {@code kernels/*.cu}; each method has the kernel's name,
 * which is the name of the CPU reference method it mirrors. Grid sizes depend only on the problem
 * size, so the fixed-order reductions add the same numbers in the same order on every run.
 * Kernel arguments are always buffer starts (offsets travel as integers), never offset pointers.
 * Arguments carry their C type, so a test checks every launch against the kernel's signature.
 */
final class Kernels {
    static final int THREADS = 256;
    /** Must match CMLR_REDUCE_THREADS in kernels/common.cuh. */
    static final int REDUCE_THREADS = 256;
    /** Must match CMLR_MAX_COMPONENTS in kernels/common.cuh. */
    static final int MAX_COMPONENTS = 32;
    /** Units per chunk of the column-sum reductions. */
    static final int CHUNK = 2048;
    /** Must match STATS_TILE in kernels/statistics.cu. */
    static final int STATS_TILE = 32;
    private static final int SUM_GRID = 1024;
    private static final int MAX_GRID = 1 << 20;

    /** One kernel argument: its C type ("int", "int64_t", "double", "ptr") and the value to pass. */
    record Arg(String type, Pointer value) {
        static Arg i32(int v) { return new Arg("int", Pointer.to(new int[] {v})); }
        static Arg i64(long v) { return new Arg("int64_t", Pointer.to(new long[] {v})); }
        static Arg f64(double v) { return new Arg("double", Pointer.to(new double[] {v})); }
        /** A device buffer start, or the null pointer. */
        static Arg ptr(CUdeviceptr p) { return new Arg("ptr", Pointer.to(p == null ? new CUdeviceptr() : p)); }
    }

    /** Launches one kernel; the device implementation is {@link #onDevice}, tests record instead. */
    interface Launcher {
        void launch(String name, int gridX, int gridY, int block, int sharedBytes, Arg... args);
    }

    private final GpuContext ctx;
    private final Launcher launcher;

    Kernels(GpuContext ctx) {
        this(ctx, onDevice(ctx));
    }

    Kernels(GpuContext ctx, Launcher launcher) {
        this.ctx = ctx;
        this.launcher = launcher;
    }

    static Launcher onDevice(GpuContext ctx) {
        return (name, gx, gy, block, shared, args) -> {
            ctx.makeCurrent();
            Pointer[] values = new Pointer[args.length];
            for (int i = 0; i < args.length; i++) values[i] = args[i].value();
            Pointer params = Pointer.to(values);
            Cuda.drv("cuLaunchKernel(" + name + ")", () -> JCudaDriver.cuLaunchKernel(ctx.function(name), gx, gy, 1, block, 1, 1,
                    shared, null, params, null));
        };
    }

    GpuContext context() { return ctx; }

    static int stackedWidth(int d) {
        return d * d + d + 3;
    }

    static int grid(long work) {
        return (int) Math.max(1, Math.min(MAX_GRID, (work + THREADS - 1) / THREADS));
    }

    /** CurandNormalStream.fill: out[o] = stream[start + o], o in [0, len). */
    void normalFill(long seed, long start, CUdeviceptr out, long len) {
        launcher.launch("normalFill", grid((len + 2) / 2), 1, THREADS, 0, Arg.i64(seed), Arg.i64(start), Arg.ptr(out), Arg.i64(len));
    }

    /** SyntheticGenerator.fillNodes after the stream segments are in place. */
    void fillNodes(long rows, int n, int d, CUdeviceptr theta, double sigma, CUdeviceptr sign, CUdeviceptr x, CUdeviceptr y,
                   CUdeviceptr labels) {
        launcher.launch("fillNodes", grid(rows), 1, THREADS, 0, Arg.i64(rows), Arg.i32(n), Arg.i32(d), Arg.ptr(theta), Arg.f64(sigma),
                Arg.ptr(sign), Arg.ptr(x), Arg.ptr(y), Arg.ptr(labels));
    }

    void copyDoubles(CUdeviceptr src, CUdeviceptr dst, long len) {
        launcher.launch("copyDoubles", grid(len), 1, THREADS, 0, Arg.ptr(src), Arg.ptr(dst), Arg.i64(len));
    }

    /** Threads per block of nodeStats: each thread owns up to 4 of the W stacked entries. */
    static int nodeStatsThreads(int d) {
        int w = stackedWidth(d);
        int threads = Math.max(128, ((w + 3) / 4 + 31) / 32 * 32);
        if (threads > 1024) throw new IllegalArgumentException("the nodeStats kernel supports d <= 62, got d = " + d);
        return threads;
    }

    /** CpuBackend.nodeStats into stacked rows [G | s | q | n | 1], node j at row row0 + j. */
    void nodeStats(int m, int d, CUdeviceptr offsets, CUdeviceptr x, CUdeviceptr y, CUdeviceptr stacked, long row0) {
        int shared = STATS_TILE * (d + 1) * 8;
        launcher.launch("nodeStats", Math.min(m, MAX_GRID), 1, nodeStatsThreads(d), shared, Arg.i32(m), Arg.i32(d), Arg.ptr(offsets),
                Arg.ptr(x), Arg.ptr(y), Arg.ptr(stacked), Arg.i64(row0));
    }

    /** The n and 1 columns of the stacked rows, after cuBLAS filled G, s and q. */
    void fillCountColumns(int m, int d, CUdeviceptr offsets, CUdeviceptr stacked, long row0) {
        launcher.launch("fillCountColumns", grid(m), 1, THREADS, 0, Arg.i32(m), Arg.i32(d), Arg.ptr(offsets), Arg.ptr(stacked),
                Arg.i64(row0));
    }

    /** UnitOps.symmetricWeights over nodes. */
    void symmetricWeights(int units, int d, CUdeviceptr stacked, CUdeviceptr theta, double sigma2, CUdeviceptr w, CUdeviceptr term) {
        launcher.launch("symmetricWeights", grid(units), 1, THREADS, 0, Arg.i32(units), Arg.i32(d), Arg.ptr(stacked), Arg.ptr(theta),
                Arg.f64(sigma2), Arg.ptr(w), Arg.ptr(term));
    }

    /** UnitOps.symmetricWeights over nodes that keep their rows: node r (rows offsets[r]..) is unit unit0 + r. */
    void symmetricWeightsRows(int nodes, int d, int unit0, CUdeviceptr offsets, CUdeviceptr x, CUdeviceptr y, CUdeviceptr theta,
                              double sigma2, CUdeviceptr w, CUdeviceptr term) {
        launcher.launch("symmetricWeightsRows", grid(nodes), 1, THREADS, 0, Arg.i32(nodes), Arg.i32(d), Arg.i32(unit0),
                Arg.ptr(offsets), Arg.ptr(x), Arg.ptr(y), Arg.ptr(theta), Arg.f64(sigma2), Arg.ptr(w), Arg.ptr(term));
    }

    /** UnitOps.symmetricWeights over samples. */
    void symmetricWeightsSamples(long units, int d, CUdeviceptr x, CUdeviceptr y, CUdeviceptr theta, double sigma2, CUdeviceptr w,
                                 CUdeviceptr term) {
        launcher.launch("symmetricWeightsSamples", grid(units), 1, THREADS, 0, Arg.i64(units), Arg.i32(d), Arg.ptr(x), Arg.ptr(y),
                Arg.ptr(theta), Arg.f64(sigma2), Arg.ptr(w), Arg.ptr(term));
    }

    /** UnitOps.posteriors over nodes; params = [beta | sigma2 | log pi]. */
    void posteriors(int units, int d, int k, CUdeviceptr stacked, CUdeviceptr params, CUdeviceptr gamma, CUdeviceptr logLik,
                    CUdeviceptr term) {
        launcher.launch("posteriors", grid(units), 1, THREADS, 0, Arg.i32(units), Arg.i32(d), Arg.i32(k), Arg.ptr(stacked),
                Arg.ptr(params), Arg.ptr(gamma), Arg.ptr(logLik), Arg.ptr(term));
    }

    /** UnitOps.posteriors over nodes that keep their rows (layout of {@link #symmetricWeightsRows}). */
    void posteriorsRows(int nodes, int d, int k, int unit0, CUdeviceptr offsets, CUdeviceptr x, CUdeviceptr y, CUdeviceptr params,
                        CUdeviceptr gamma, CUdeviceptr logLik, CUdeviceptr term) {
        launcher.launch("posteriorsRows", grid(nodes), 1, THREADS, 0, Arg.i32(nodes), Arg.i32(d), Arg.i32(k), Arg.i32(unit0),
                Arg.ptr(offsets), Arg.ptr(x), Arg.ptr(y), Arg.ptr(params), Arg.ptr(gamma), Arg.ptr(logLik), Arg.ptr(term));
    }

    void posteriorsSamples(long units, int d, int k, CUdeviceptr x, CUdeviceptr y, CUdeviceptr params, CUdeviceptr gamma,
                           CUdeviceptr logLik, CUdeviceptr term) {
        launcher.launch("posteriorsSamples", grid(units), 1, THREADS, 0, Arg.i64(units), Arg.i32(d), Arg.i32(k), Arg.ptr(x),
                Arg.ptr(y), Arg.ptr(params), Arg.ptr(gamma), Arg.ptr(logLik), Arg.ptr(term));
    }

    /** Number of stage-1 blocks {@link #sumInOrder} uses for len values (its scratch size). */
    static int sumBlocks(long len) {
        return (int) Math.max(1, Math.min(SUM_GRID, (len + REDUCE_THREADS - 1) / REDUCE_THREADS));
    }

    /** Fixed-order sum of values[0..len) into total[0]; scratch holds sumBlocks(len) doubles. */
    void sumInOrder(CUdeviceptr values, long len, CUdeviceptr scratch, CUdeviceptr total) {
        int blocks = sumBlocks(len);
        launcher.launch("sumInOrder", blocks, 1, REDUCE_THREADS, 0, Arg.ptr(values), Arg.i64(len), Arg.ptr(scratch));
        launcher.launch("sumInOrder", 1, 1, REDUCE_THREADS, 0, Arg.ptr(scratch), Arg.i64(blocks), Arg.ptr(total));
    }

    static int chunks(long units) {
        return (int) ((units + CHUNK - 1) / CHUNK);
    }

    /** Stage 1 over stacked node rows: gamma-weighted sums of columns [c0, c0+cols) per component. */
    void componentSums(int units, int w, int c0, int cols, int k, CUdeviceptr stacked, CUdeviceptr gamma, CUdeviceptr partial) {
        int e = k * cols;
        launcher.launch("componentSums", chunks(units), (e + 127) / 128, 128, 0, Arg.i32(units), Arg.i32(w), Arg.i32(c0),
                Arg.i32(cols), Arg.i32(k), Arg.ptr(stacked), Arg.ptr(gamma), Arg.i32(CHUNK), Arg.ptr(partial));
    }

    void componentSumsSamples(long units, int d, int c0, int cols, int k, CUdeviceptr x, CUdeviceptr y, CUdeviceptr gamma,
                              CUdeviceptr partial) {
        int e = k * cols;
        launcher.launch("componentSumsSamples", chunks(units), (e + 127) / 128, 128, 0, Arg.i64(units), Arg.i32(d), Arg.i32(c0),
                Arg.i32(cols), Arg.i32(k), Arg.ptr(x), Arg.ptr(y), Arg.ptr(gamma), Arg.i32(CHUNK), Arg.ptr(partial));
    }

    /** Stage 1 over the rows of nodes that keep them: row i is weighted by the gamma of unit rowUnit[i]. */
    void componentSumsRows(long rows, int d, int c0, int cols, int k, CUdeviceptr rowUnit, CUdeviceptr x, CUdeviceptr y,
                           CUdeviceptr gamma, CUdeviceptr partial) {
        int e = k * cols;
        launcher.launch("componentSumsRows", chunks(rows), (e + 127) / 128, 128, 0, Arg.i64(rows), Arg.i32(d), Arg.i32(c0),
                Arg.i32(cols), Arg.i32(k), Arg.ptr(rowUnit), Arg.ptr(x), Arg.ptr(y), Arg.ptr(gamma), Arg.i32(CHUNK), Arg.ptr(partial));
    }

    /** w (rows x K) = the gamma of each kept row's unit, for the cuBLAS sums over kept rows. */
    void rowWeights(long rows, int k, CUdeviceptr rowUnit, CUdeviceptr gamma, CUdeviceptr w) {
        launcher.launch("rowWeights", grid(rows * k), 1, THREADS, 0, Arg.i64(rows), Arg.i32(k), Arg.ptr(rowUnit), Arg.ptr(gamma),
                Arg.ptr(w));
    }

    /** Stage 2: out[e] = sum over chunks in order of partial[chunk][e]. */
    void sumPartials(CUdeviceptr partial, int chunks, int e, CUdeviceptr out) {
        launcher.launch("sumPartials", (e + 127) / 128, 1, 128, 0, Arg.ptr(partial), Arg.i32(chunks), Arg.i32(e), Arg.ptr(out));
    }
}
