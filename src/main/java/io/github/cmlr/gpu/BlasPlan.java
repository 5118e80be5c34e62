package io.github.cmlr.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The cuBLAS calls of the GPU backend as data: which operands, transposes, leading dimensions,
 * strides and offsets (in doubles). {@link Blas} executes them with JCublas2; the tests execute
 * them with a host implementation of cuBLAS's column-major semantics and compare with direct
 * formulas, so the argument choices are checked without a GPU.
 *
 * <p>Operands are named: "x" (features, row-major rows = column-major d x rows), "y",
 * "stacked" (node rows of width w = column-major w x units), "gamma" (units x K row-major =
 * column-major K x units), "weights", "scratch", and outputs "out", "gram", "xty".
 */
final class BlasPlan {
    /** An operand: buffer name plus element offset. */
    record Operand(String buffer, long offset) {
        static Operand of(String buffer) {
            return new Operand(buffer, 0);
        }
    }

    /** C = alpha op(A) op(B) + beta C, batched with element strides; column-major. */
    record Gemm(String what, boolean transA, boolean transB, int m, int n, int k, Operand a, int lda, long strideA, Operand b,
                int ldb, long strideB, double beta, Operand c, int ldc, long strideC, int batch) {}

    /** y = op(A) x + beta y; column-major. */
    record Gemv(String what, boolean trans, int m, int n, Operand a, int lda, Operand x, int incx, double beta, Operand y) {}

    /** C = A diag(x) (side right), A m x n. */
    record Dgmm(String what, int m, int n, Operand a, int lda, Operand x, int incx, Operand c, int ldc) {}

    private BlasPlan() {}

    /**
     * Largest batch count per strided-batched call: cuBLAS documents no limit, but some of its
     * kernels put the batch on grid.y/z (at most 65535), so larger batches are split.
     */
    static final int MAX_BATCH = 65535;

    /** Per-node G_j, s_j, q_j of m equal nodes of n rows into the stacked rows (width w). */
    static List<Gemm> nodeStats(int m, int n, int d, int w) {
        return nodeStats(m, n, d, w, MAX_BATCH);
    }

    /** As {@link #nodeStats(int, int, int, int)}, with at most {@code maxBatch} nodes per call. */
    static List<Gemm> nodeStats(int m, int n, int d, int w, int maxBatch) {
        long sx = (long) n * d;
        List<Gemm> calls = new ArrayList<>();
        for (int j0 = 0; j0 < m; j0 += maxBatch) {
            int batch = Math.min(maxBatch, m - j0);
            long xAt = j0 * sx;
            long yAt = (long) j0 * n;
            long rowAt = (long) j0 * w;
            calls.add(new Gemm("G_j", false, true, d, d, n, new Operand("x", xAt), d, sx, new Operand("x", xAt), d, sx, 0,
                    new Operand("stacked", rowAt), d, w, batch));
            calls.add(new Gemm("s_j", false, false, d, 1, n, new Operand("x", xAt), d, sx, new Operand("y", yAt), n, n, 0,
                    new Operand("stacked", rowAt + (long) d * d), d, w, batch));
            calls.add(new Gemm("q_j", true, false, 1, 1, n, new Operand("y", yAt), n, n, new Operand("y", yAt), n, n, 0,
                    new Operand("stacked", rowAt + (long) d * d + d), 1, w, batch));
        }
        return calls;
    }

    /** out (w x K column-major) = stacked (w x units) * gamma^T (units x K). */
    static Gemm componentSums(int units, int w, int k) {
        return new Gemm("componentSums", false, true, w, k, units, Operand.of("stacked"), w, 0, Operand.of("gamma"), k, 0, 0,
                Operand.of("out"), w, 0, 1);
    }

    /** out (d) = sum_u weights_u s_u, the s columns of the stacked rows. */
    static Gemv weightedXty(int units, int d, int w) {
        return new Gemv("weightedXty", false, d, units, new Operand("stacked", (long) d * d), w, Operand.of("weights"), 1, 0,
                Operand.of("out"));
    }

    /**
     * Component comp of the samples [u0, u0+len): scratch = X diag(gamma_comp), gram (+)= scratch X^T,
     * xty (+)= scratch y; beta 0 on the first chunk, 1 after.
     */
    static List<Object> sampleSums(long u0, int len, int d, int k, int comp, boolean first) {
        double beta = first ? 0 : 1;
        return List.of(
                new Dgmm("X diag(gamma_k)", d, len, new Operand("x", u0 * d), d, new Operand("gamma", u0 * k + comp), k,
                        Operand.of("scratch"), d),
                new Gemm("X^T diag(gamma_k) X", false, true, d, d, len, Operand.of("scratch"), d, 0, new Operand("x", u0 * d), d, 0,
                        beta, Operand.of("gram"), d, 0, 1),
                new Gemv("X^T diag(gamma_k) y", false, d, len, Operand.of("scratch"), d, new Operand("y", u0), 1, beta,
                        Operand.of("xty")));
    }
}
