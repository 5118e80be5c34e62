// Reductions family: fixed-order sums (no floating-point atomics), so two runs on the same
// device give bitwise the same numbers. Two stages: fixed chunks of units -> partials, then the
// partials summed in chunk order.
#include "common.cuh"

// Stage 1 of a plain sum (the log-likelihood of UnitOps.symmetricWeights / posteriors): each
// block of CMLR_REDUCE_THREADS threads strides over `values` with a grid size chosen by the
// caller from len alone, then a shared-memory tree; partial[blockIdx.x] receives the block sum.
// Running it again on the partials with one block gives the total.
extern "C" __global__ void sumInOrder(const double* values, int64_t len, double* partial) {
    __shared__ double buf[CMLR_REDUCE_THREADS];
    double acc = 0;
    for (int64_t i = blockIdx.x * (int64_t)CMLR_REDUCE_THREADS + threadIdx.x; i < len;
         i += (int64_t)gridDim.x * CMLR_REDUCE_THREADS)
        acc += values[i];
    buf[threadIdx.x] = acc;
    __syncthreads();
    for (int half = CMLR_REDUCE_THREADS / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) buf[threadIdx.x] += buf[threadIdx.x + half];
        __syncthreads();
    }
    if (threadIdx.x == 0) partial[blockIdx.x] = buf[0];
}

// Stage 1 of UnitOps.componentSums / weightedXty / totalGram over nodes (fallback for the
// cuBLAS GEMM gamma^T * stacked): for chunk blockIdx.x of `chunk` units and entry
// e = k * cols + c (component k, column c0 + c of the stacked rows),
// partial[chunk][e] = sum over the chunk's units in order of gamma[u][k] * stacked[u][c0 + c].
// gamma == null means weight 1 and K = 1.
extern "C" __global__ void componentSums(int units, int W, int c0, int cols, int K, const double* stacked,
                                         const double* gamma, int chunk, double* partial) {
    int E = K * cols;
    int e = blockIdx.y * blockDim.x + threadIdx.x;
    if (e >= E) return;
    int k = e / cols, c = c0 + e % cols;
    int u0 = blockIdx.x * chunk, u1 = min(units, u0 + chunk);
    double acc = 0;
    for (int u = u0; u < u1; u++) {
        double g = gamma ? gamma[(int64_t)u * K + k] : 1.0;
        acc += g * stacked[(int64_t)u * W + c];
    }
    partial[(int64_t)blockIdx.x * E + e] = acc;
}

// The same over samples: column c of a sample is the stacked row of (x x^T, y x, y^2, 1, 1).
extern "C" __global__ void componentSumsSamples(int64_t units, int d, int c0, int cols, int K, const double* x,
                                                const double* y, const double* gamma, int chunk, double* partial) {
    int E = K * cols;
    int e = blockIdx.y * blockDim.x + threadIdx.x;
    if (e >= E) return;
    int k = e / cols, c = c0 + e % cols;
    int64_t u0 = (int64_t)blockIdx.x * chunk, u1 = u0 + chunk < units ? u0 + chunk : units;
    double acc = 0;
    for (int64_t u = u0; u < u1; u++) {
        double g = gamma ? gamma[u * K + k] : 1.0;
        acc += g * cmlr_sample_column(x + u * d, y[u], d, c);
    }
    partial[(int64_t)blockIdx.x * E + e] = acc;
}

// The same over the rows of nodes that keep them: row i belongs to unit rowUnit[i] (rows of a node
// are consecutive) and is weighted by that unit's gamma; column c is cmlr_row_column, so the
// partials are those of the nodes' stacked rows.
extern "C" __global__ void componentSumsRows(int64_t rows, int d, int c0, int cols, int K, const int* rowUnit,
                                             const double* x, const double* y, const double* gamma, int chunk,
                                             double* partial) {
    int E = K * cols;
    int e = blockIdx.y * blockDim.x + threadIdx.x;
    if (e >= E) return;
    int k = e / cols, c = c0 + e % cols;
    int64_t i0 = (int64_t)blockIdx.x * chunk, i1 = i0 + chunk < rows ? i0 + chunk : rows;
    double acc = 0;
    for (int64_t i = i0; i < i1; i++) {
        int64_t u = rowUnit[i];
        double g = gamma ? gamma[u * K + k] : 1.0;
        acc += g * cmlr_row_column(x + i * d, y[i], d, c, i == 0 || rowUnit[i - 1] != u);
    }
    partial[(int64_t)blockIdx.x * E + e] = acc;
}

// For the cuBLAS M-step over kept rows: w[i][k] = gamma[rowUnit[i]][k], each row's weights in the
// layout of the samples' gamma (rows x K), which DGMM reads with stride K.
extern "C" __global__ void rowWeights(int64_t rows, int K, const int* rowUnit, const double* gamma, double* w) {
    int64_t len = rows * K;
    for (int64_t e = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; e < len; e += (int64_t)gridDim.x * blockDim.x)
        w[e] = gamma[(int64_t)rowUnit[e / K] * K + e % K];
}

// Stage 2: out[e] = sum over chunks in order of partial[chunk][e].
extern "C" __global__ void sumPartials(const double* partial, int chunks, int E, double* out) {
    int e = blockIdx.x * blockDim.x + threadIdx.x;
    if (e >= E) return;
    double acc = 0;
    for (int b = 0; b < chunks; b++) acc += partial[(int64_t)b * E + e];
    out[e] = acc;
}
