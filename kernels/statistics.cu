// Per-node statistics family (CpuBackend.nodeStats): the fallback for cuBLAS strided-batched
// GEMM. Node j's rows are [offsets[j], offsets[j+1]); one block per node; each thread owns a few
// entries of the stacked row [G_j | s_j | q_j | n_j | 1] and adds the rows in order, so the
// result is deterministic. Rows are staged through shared memory in tiles.
#include "common.cuh"

#define STATS_TILE 32

// Up to 1024 threads per block (d = 62; launch bounds keep registers within the 64K per block).
// Dynamic shared memory: STATS_TILE * (d + 1) doubles. Node j's row goes to stacked row row0 + j
// (the caller passes buffer starts, never offset pointers).
extern "C" __global__ void __launch_bounds__(1024) nodeStats(int m, int d, const int* offsets, const double* x, const double* y,
                                     double* stacked, int64_t row0) {
    extern __shared__ double tile[];
    int W = cmlr_stat_width(d);
    int dd = d * d;
    double* ty = tile + STATS_TILE * d;
    for (int j = blockIdx.x; j < m; j += gridDim.x) {
        int r0 = offsets[j], r1 = offsets[j + 1];
        // Up to 4 entries per thread: W <= 4 * blockDim.x is checked by the caller.
        double acc[4] = {0, 0, 0, 0};
        for (int t0 = r0; t0 < r1; t0 += STATS_TILE) {
            int rows = min(STATS_TILE, r1 - t0);
            __syncthreads();
            for (int e = threadIdx.x; e < rows * d; e += blockDim.x) tile[e] = x[(int64_t)t0 * d + e];
            for (int e = threadIdx.x; e < rows; e += blockDim.x) ty[e] = y[t0 + e];
            __syncthreads();
            for (int slot = 0; slot < 4; slot++) {
                int c = threadIdx.x + slot * blockDim.x;
                if (c >= dd + d + 1) break;
                // Entry c is the product of two strided columns of the tile: G_ab = x_a x_b,
                // s_a = y x_a, q = y y. Resolving them once keeps the row loop branch-free.
                const double* p1;
                const double* p2;
                int s1, s2;
                if (c < dd) { p1 = tile + c / d; s1 = d; p2 = tile + c % d; s2 = d; }
                else if (c < dd + d) { p1 = ty; s1 = 1; p2 = tile + (c - dd); s2 = d; }
                else { p1 = ty; s1 = 1; p2 = ty; s2 = 1; }
                double a = acc[slot];
                for (int i = 0; i < rows; i++) a += p1[i * s1] * p2[i * s2];
                acc[slot] = a;
            }
        }
        for (int slot = 0; slot < 4; slot++) {
            int c = threadIdx.x + slot * blockDim.x;
            if (c >= W) break;
            double v = c < dd + d + 1 ? acc[slot] : (c == dd + d + 1 ? (double)(r1 - r0) : 1.0);
            stacked[(row0 + j) * W + c] = v;
        }
    }
}

// After the cuBLAS strided-batched products fill G, s and q: the n and 1 columns.
extern "C" __global__ void fillCountColumns(int m, int d, const int* offsets, double* stacked, int64_t row0) {
    int W = cmlr_stat_width(d);
    for (int j = blockIdx.x * blockDim.x + threadIdx.x; j < m; j += gridDim.x * blockDim.x) {
        stacked[(row0 + j) * W + d * d + d + 1] = (double)(offsets[j + 1] - offsets[j]);
        stacked[(row0 + j) * W + d * d + d + 2] = 1.0;
    }
}
