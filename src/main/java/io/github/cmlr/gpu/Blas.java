package io.github.cmlr.gpu;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasSideMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cuBLAS products of the GPU backend (column-major, host pointer mode). Row-major host
 * layouts are read as their transposes: stacked node rows (units x W, row-major) are the
 * column-major W x units matrix; gamma (units x K, row-major) is column-major K x units.
 */
final class Blas implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Blas.class);
    private static final Pointer ONE = Pointer.to(new double[] {1.0});
    private static final Pointer ZERO = Pointer.to(new double[] {0.0});

    private final cublasHandle handle = new cublasHandle();
    private final int version;
    private boolean closed;

    Blas() {
        Cuda.blas("cublasCreate", () -> JCublas2.cublasCreate(handle));
        int[] v = new int[1];
        Cuda.blas("cublasGetVersion", () -> JCublas2.cublasGetVersion(handle, v));
        version = v[0];
    }

    int version() { return version; }

    /**
     * Per-node statistics of equal-size nodes by strided-batched GEMM: X_j is column-major d x n
     * (the node's row-major rows), G_j = X_j X_j^T, s_j = X_j y_j, q_j = y_j^T y_j, written into
     * the stacked rows of width w (G at column 0, s at d*d, q at d*d+d).
     */
    void nodeStats(int m, int n, int d, CUdeviceptr x, CUdeviceptr y, CUdeviceptr stacked, int w) {
        long strideX = (long) n * d;
        Cuda.blas("cublasDgemmStridedBatched(G_j)", () -> JCublas2.cublasDgemmStridedBatched(handle, cublasOperation.CUBLAS_OP_N,
                cublasOperation.CUBLAS_OP_T, d, d, n, ONE, x, d, strideX, x, d, strideX, ZERO, stacked, d, w, m));
        CUdeviceptr s = stacked.withByteOffset(8L * d * d);
        Cuda.blas("cublasDgemmStridedBatched(s_j)", () -> JCublas2.cublasDgemmStridedBatched(handle, cublasOperation.CUBLAS_OP_N,
                cublasOperation.CUBLAS_OP_N, d, 1, n, ONE, x, d, strideX, y, n, n, ZERO, s, d, w, m));
        CUdeviceptr q = stacked.withByteOffset(8L * (d * d + d));
        Cuda.blas("cublasDgemmStridedBatched(q_j)", () -> JCublas2.cublasDgemmStridedBatched(handle, cublasOperation.CUBLAS_OP_T,
                cublasOperation.CUBLAS_OP_N, 1, 1, n, ONE, y, n, n, y, n, n, ZERO, q, 1, w, m));
    }

    /** out (w x K, column-major: component k's sums contiguous) = stacked^T-as-stored * gamma^T. */
    void componentSums(int units, int w, int k, CUdeviceptr stacked, CUdeviceptr gamma, CUdeviceptr out) {
        Cuda.blas("cublasDgemm(componentSums)", () -> JCublas2.cublasDgemm(handle, cublasOperation.CUBLAS_OP_N,
                cublasOperation.CUBLAS_OP_T, w, k, units, ONE, stacked, w, gamma, k, ZERO, out, w));
    }

    /** out (d) = sum_u weights[u] s_u, s_u at column d*d of the stacked rows. */
    void weightedXty(int units, int d, int w, CUdeviceptr stacked, CUdeviceptr weights, CUdeviceptr out) {
        CUdeviceptr s = stacked.withByteOffset(8L * d * d);
        Cuda.blas("cublasDgemv(weightedXty)", () -> JCublas2.cublasDgemv(handle, cublasOperation.CUBLAS_OP_N, d, units, ONE, s, w,
                weights, 1, ZERO, out, 1));
    }

    /**
     * Samples [u0, u0+len) of component k (standard EM): G_k += X^T diag(gamma_k) X and
     * s_k += X^T diag(gamma_k) y, through scratch = X diag(gamma_k) (d x len). beta0 = 0 on the
     * first chunk, 1 after, so chunks add in order.
     */
    void sampleSums(int len, int d, int k, int comp, CUdeviceptr x, CUdeviceptr y, CUdeviceptr gamma, CUdeviceptr scratch,
                    CUdeviceptr gram, CUdeviceptr xty, boolean first) {
        Pointer beta = first ? ZERO : ONE;
        CUdeviceptr g = gamma.withByteOffset(8L * comp);
        Cuda.blas("cublasDdgmm(X diag(gamma_k))", () -> JCublas2.cublasDdgmm(handle, cublasSideMode.CUBLAS_SIDE_RIGHT, d, len, x, d,
                g, k, scratch, d));
        Cuda.blas("cublasDgemm(X^T diag(gamma_k) X)", () -> JCublas2.cublasDgemm(handle, cublasOperation.CUBLAS_OP_N,
                cublasOperation.CUBLAS_OP_T, d, d, len, ONE, scratch, d, x, d, beta, gram, d));
        Cuda.blas("cublasDgemv(X^T diag(gamma_k) y)", () -> JCublas2.cublasDgemv(handle, cublasOperation.CUBLAS_OP_N, d, len, ONE,
                scratch, d, y, 1, beta, xty, 1));
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            JCublas2.cublasDestroy(handle);
        } catch (RuntimeException e) {
            LOG.warn("cublasDestroy: {}", e.getMessage());
        }
    }
}
