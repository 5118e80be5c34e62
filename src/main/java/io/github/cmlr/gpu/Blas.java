package io.github.cmlr.gpu;

import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasSideMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Executes the {@link BlasPlan} calls with cuBLAS (host pointer mode, default stream). */
final class Blas implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Blas.class);
    private static final Pointer ONE = Pointer.to(new double[] {1.0});
    private static final Pointer ZERO = Pointer.to(new double[] {0.0});

    private final GpuContext ctx;
    private final cublasHandle handle = new cublasHandle();
    private final int version;
    private boolean closed;

    /** Creates the handle in ctx; every call binds ctx to the calling thread first. */
    Blas(GpuContext ctx) {
        this.ctx = ctx;
        ctx.makeCurrent();
        Cuda.blas("cublasCreate", () -> JCublas2.cublasCreate(handle));
        int[] v = new int[1];
        Cuda.blas("cublasGetVersion", () -> JCublas2.cublasGetVersion(handle, v));
        version = v[0];
    }

    int version() { return version; }

    /** Per-node statistics of m equal nodes into the stacked rows (G, s, q; n and 1 are set by a kernel). */
    void nodeStats(int m, int n, int d, CUdeviceptr x, CUdeviceptr y, CUdeviceptr stacked, int w) {
        Map<String, CUdeviceptr> ops = Map.of("x", x, "y", y, "stacked", stacked);
        for (BlasPlan.Gemm g : BlasPlan.nodeStats(m, n, d, w)) gemm(g, ops);
    }

    void componentSums(int units, int w, int k, CUdeviceptr stacked, CUdeviceptr gamma, CUdeviceptr out) {
        gemm(BlasPlan.componentSums(units, w, k), Map.of("stacked", stacked, "gamma", gamma, "out", out));
    }

    void weightedXty(int units, int d, int w, CUdeviceptr stacked, CUdeviceptr weights, CUdeviceptr out) {
        gemv(BlasPlan.weightedXty(units, d, w), Map.of("stacked", stacked, "weights", weights, "out", out));
    }

    /** Samples [u0, u0+len) of component comp into gram and xty (see {@link BlasPlan#sampleSums}). */
    void sampleSums(long u0, int len, int d, int k, int comp, Map<String, CUdeviceptr> ops, boolean first) {
        List<Object> calls = BlasPlan.sampleSums(u0, len, d, k, comp, first);
        for (Object c : calls) {
            if (c instanceof BlasPlan.Dgmm g) dgmm(g, ops);
            else if (c instanceof BlasPlan.Gemm g) gemm(g, ops);
            else gemv((BlasPlan.Gemv) c, ops);
        }
    }

    private static CUdeviceptr at(Map<String, CUdeviceptr> ops, BlasPlan.Operand o) {
        CUdeviceptr p = ops.get(o.buffer());
        if (p == null) throw new IllegalArgumentException("no device buffer for operand " + o.buffer());
        return p.withByteOffset(8L * o.offset());
    }

    private static int op(boolean trans) {
        return trans ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
    }

    private static Pointer scalar(double beta) {
        return beta == 0 ? ZERO : beta == 1 ? ONE : Pointer.to(new double[] {beta});
    }

    private void gemm(BlasPlan.Gemm g, Map<String, CUdeviceptr> ops) {
        ctx.makeCurrent();
        CUdeviceptr a = at(ops, g.a());
        CUdeviceptr b = at(ops, g.b());
        CUdeviceptr c = at(ops, g.c());
        if (g.batch() == 1) {
            Cuda.blas("cublasDgemm(" + g.what() + ")", () -> JCublas2.cublasDgemm(handle, op(g.transA()), op(g.transB()), g.m(), g.n(),
                    g.k(), ONE, a, g.lda(), b, g.ldb(), scalar(g.beta()), c, g.ldc()));
        } else {
            Cuda.blas("cublasDgemmStridedBatched(" + g.what() + ")", () -> JCublas2.cublasDgemmStridedBatched(handle, op(g.transA()),
                    op(g.transB()), g.m(), g.n(), g.k(), ONE, a, g.lda(), g.strideA(), b, g.ldb(), g.strideB(), scalar(g.beta()), c,
                    g.ldc(), g.strideC(), g.batch()));
        }
    }

    private void gemv(BlasPlan.Gemv g, Map<String, CUdeviceptr> ops) {
        ctx.makeCurrent();
        CUdeviceptr a = at(ops, g.a());
        CUdeviceptr x = at(ops, g.x());
        CUdeviceptr y = at(ops, g.y());
        Cuda.blas("cublasDgemv(" + g.what() + ")", () -> JCublas2.cublasDgemv(handle, op(g.trans()), g.m(), g.n(), ONE, a, g.lda(), x,
                g.incx(), scalar(g.beta()), y, 1));
    }

    private void dgmm(BlasPlan.Dgmm g, Map<String, CUdeviceptr> ops) {
        ctx.makeCurrent();
        CUdeviceptr a = at(ops, g.a());
        CUdeviceptr x = at(ops, g.x());
        CUdeviceptr c = at(ops, g.c());
        Cuda.blas("cublasDdgmm(" + g.what() + ")", () -> JCublas2.cublasDdgmm(handle, cublasSideMode.CUBLAS_SIDE_RIGHT, g.m(), g.n(), a,
                g.lda(), x, g.incx(), c, g.ldc()));
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            ctx.makeCurrent();
            JCublas2.cublasDestroy(handle);
        } catch (RuntimeException e) {
            LOG.warn("cublasDestroy: {}", e.getMessage());
        }
    }
}
