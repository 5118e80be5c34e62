package io.github.cmlr.gpu;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * Typed launchers for the kernels in {@code kernels/*.cu}; each method has the kernel's name,
 * which is the name of the CPU reference method it mirrors. Grid sizes depend only on the problem
 * size, so the fixed-order reductions add the same numbers in the same order on every run.
 * Kernel arguments are always buffer starts (offsets travel as integers), never offset pointers.
 */
final class Kernels {
    static final int THREADS = 256;
    /** Must match CMLR_REDUCE_THREADS in kernels/common.cuh. */
    static final int REDUCE_THREADS = 256;
    /** Must match CMLR_MAX_COMPONENTS in kernels/common.cuh. */
    static final int MAX_COMPONENTS = 32;
    /** Units per chunk of the column-sum reductions. */
    static final int CHUNK = 2048;
    private static final int SUM_GRID = 1024;
    private static final int MAX_GRID = 1 << 20;

    private final GpuContext ctx;

    Kernels(GpuContext ctx) {
        this.ctx = ctx;
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
        launch("normalFill", grid((len + 2) / 2), 1, THREADS, 0, Pointer.to(new long[] {seed}), Pointer.to(new long[] {start}),
                GpuContext.arg(out), Pointer.to(new long[] {len}));
    }

    /** SyntheticGenerator.fillNodes after the stream segments are in place. */
    void fillNodes(long rows, int n, int d, CUdeviceptr theta, double sigma, CUdeviceptr sign, CUdeviceptr x,
                   CUdeviceptr y, CUdeviceptr labels) {
        launch("fillNodes", grid(rows), 1, THREADS, 0, Pointer.to(new long[] {rows}), Pointer.to(new int[] {n}),
                Pointer.to(new int[] {d}), GpuContext.arg(theta), Pointer.to(new double[] {sigma}), GpuContext.arg(sign),
                GpuContext.arg(x), GpuContext.arg(y), GpuContext.arg(labels));
    }

    void copyDoubles(CUdeviceptr src, CUdeviceptr dst, long len) {
        launch("copyDoubles", grid(len), 1, THREADS, 0, GpuContext.arg(src), GpuContext.arg(dst), Pointer.to(new long[] {len}));
    }

    /** CpuBackend.nodeStats into stacked rows [G | s | q | n | 1]. */
    void nodeStats(int m, int d, CUdeviceptr offsets, CUdeviceptr x, CUdeviceptr y, CUdeviceptr stacked, long row0) {
        int threads = 128;
        if (stackedWidth(d) > 4 * threads) threads = Math.min(1024, ((stackedWidth(d) + 3) / 4 + 31) / 32 * 32);
        if (stackedWidth(d) > 4 * threads) throw new IllegalArgumentException("nodeStats kernel supports d <= 62, got " + d);
        int shared = 32 * (d + 1) * 8;
        launch("nodeStats", Math.min(m, MAX_GRID), 1, threads, shared, Pointer.to(new int[] {m}), Pointer.to(new int[] {d}),
                GpuContext.arg(offsets), GpuContext.arg(x), GpuContext.arg(y), GpuContext.arg(stacked), Pointer.to(new long[] {row0}));
    }

    /** The n and 1 columns of the stacked rows, after cuBLAS filled G, s and q. */
    void fillCountColumns(int m, int d, CUdeviceptr offsets, CUdeviceptr stacked, long row0) {
        launch("fillCountColumns", grid(m), 1, THREADS, 0, Pointer.to(new int[] {m}), Pointer.to(new int[] {d}),
                GpuContext.arg(offsets), GpuContext.arg(stacked), Pointer.to(new long[] {row0}));
    }

    /** UnitOps.symmetricWeights over nodes. */
    void symmetricWeights(int units, int d, CUdeviceptr stacked, CUdeviceptr theta, double sigma2, CUdeviceptr w, CUdeviceptr term) {
        launch("symmetricWeights", grid(units), 1, THREADS, 0, Pointer.to(new int[] {units}), Pointer.to(new int[] {d}),
                GpuContext.arg(stacked), GpuContext.arg(theta), Pointer.to(new double[] {sigma2}), GpuContext.arg(w), GpuContext.arg(term));
    }

    /** UnitOps.symmetricWeights over samples. */
    void symmetricWeightsSamples(long units, int d, CUdeviceptr x, CUdeviceptr y, CUdeviceptr theta, double sigma2,
                                 CUdeviceptr w, CUdeviceptr term) {
        launch("symmetricWeightsSamples", grid(units), 1, THREADS, 0, Pointer.to(new long[] {units}), Pointer.to(new int[] {d}),
                GpuContext.arg(x), GpuContext.arg(y), GpuContext.arg(theta), Pointer.to(new double[] {sigma2}),
                GpuContext.arg(w), GpuContext.arg(term));
    }

    /** UnitOps.posteriors over nodes; params = [beta | sigma2 | log pi]. */
    void posteriors(int units, int d, int k, CUdeviceptr stacked, CUdeviceptr params, CUdeviceptr gamma, CUdeviceptr logLik,
                    CUdeviceptr term) {
        launch("posteriors", grid(units), 1, THREADS, 0, Pointer.to(new int[] {units}), Pointer.to(new int[] {d}),
                Pointer.to(new int[] {k}), GpuContext.arg(stacked), GpuContext.arg(params), GpuContext.arg(gamma),
                GpuContext.arg(logLik), GpuContext.arg(term));
    }

    void posteriorsSamples(long units, int d, int k, CUdeviceptr x, CUdeviceptr y, CUdeviceptr params, CUdeviceptr gamma,
                           CUdeviceptr logLik, CUdeviceptr term) {
        launch("posteriorsSamples", grid(units), 1, THREADS, 0, Pointer.to(new long[] {units}), Pointer.to(new int[] {d}),
                Pointer.to(new int[] {k}), GpuContext.arg(x), GpuContext.arg(y), GpuContext.arg(params), GpuContext.arg(gamma),
                GpuContext.arg(logLik), GpuContext.arg(term));
    }

    /** Number of stage-1 blocks {@link #sumInOrder} uses for len values (its scratch size). */
    static int sumBlocks(long len) {
        return (int) Math.max(1, Math.min(SUM_GRID, (len + REDUCE_THREADS - 1) / REDUCE_THREADS));
    }

    /** Fixed-order sum of values[0..len); scratch holds sumBlocks(len) doubles, total one. */
    double sumInOrder(CUdeviceptr values, long len, DeviceBuffer scratch, DeviceBuffer total) {
        int blocks = sumBlocks(len);
        launch("sumInOrder", blocks, 1, REDUCE_THREADS, 0, GpuContext.arg(values), Pointer.to(new long[] {len}),
                GpuContext.arg(scratch.ptr()));
        launch("sumInOrder", 1, 1, REDUCE_THREADS, 0, GpuContext.arg(scratch.ptr()), Pointer.to(new long[] {blocks}),
                GpuContext.arg(total.ptr()));
        return total.download(1)[0];
    }

    static int chunks(long units) {
        return (int) ((units + CHUNK - 1) / CHUNK);
    }

    /** Stage 1 over stacked node rows: gamma-weighted sums of columns [c0, c0+cols) per component. */
    void componentSums(int units, int w, int c0, int cols, int k, CUdeviceptr stacked, CUdeviceptr gamma, CUdeviceptr partial) {
        int e = k * cols;
        int threads = 128;
        launch("componentSums", chunks(units), (e + threads - 1) / threads, threads, 0, Pointer.to(new int[] {units}),
                Pointer.to(new int[] {w}), Pointer.to(new int[] {c0}), Pointer.to(new int[] {cols}), Pointer.to(new int[] {k}),
                GpuContext.arg(stacked), GpuContext.arg(gamma), Pointer.to(new int[] {CHUNK}), GpuContext.arg(partial));
    }

    void componentSumsSamples(long units, int d, int c0, int cols, int k, CUdeviceptr x, CUdeviceptr y, CUdeviceptr gamma,
                              CUdeviceptr partial) {
        int e = k * cols;
        int threads = 128;
        launch("componentSumsSamples", chunks(units), (e + threads - 1) / threads, threads, 0, Pointer.to(new long[] {units}),
                Pointer.to(new int[] {d}), Pointer.to(new int[] {c0}), Pointer.to(new int[] {cols}), Pointer.to(new int[] {k}),
                GpuContext.arg(x), GpuContext.arg(y), GpuContext.arg(gamma), Pointer.to(new int[] {CHUNK}), GpuContext.arg(partial));
    }

    /** Stage 2: out[e] = sum over chunks in order of partial[chunk][e]. */
    void sumPartials(CUdeviceptr partial, int chunks, int e, CUdeviceptr out) {
        launch("sumPartials", (e + 127) / 128, 1, 128, 0, GpuContext.arg(partial), Pointer.to(new int[] {chunks}),
                Pointer.to(new int[] {e}), GpuContext.arg(out));
    }

    private void launch(String name, int gridX, int gridY, int block, int shared, Pointer... args) {
        ctx.makeCurrent();
        Pointer params = Pointer.to(args);
        Cuda.drv("cuLaunchKernel(" + name + ")", () -> JCudaDriver.cuLaunchKernel(ctx.function(name), gridX, gridY, 1, block, 1, 1,
                shared, null, params, null));
    }
}
