// Generation family: cuRAND's Philox4x32-10 double normals in the LEGACY host-API layout
// (random/CurandNormalStream) and the synthetic C-MLR responses (data/SyntheticGenerator).
// This is the fallback when libcurand cannot be loaded; it produces the numbers of the CPU model.
#include "common.cuh"

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u
#define CURAND_LEGACY_THREADS 65536ull

// Philox4x32.block: ten rounds on counter c under key (k0, k1).
__device__ inline void philoxBlock(uint32_t c[4], uint32_t k0, uint32_t k1) {
    for (int r = 0; r < 10; r++) {
        uint64_t p0 = (uint64_t)PHILOX_M0 * c[0];
        uint64_t p1 = (uint64_t)PHILOX_M1 * c[2];
        uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
        uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
        uint32_t n0 = hi1 ^ c[1] ^ k0;
        uint32_t n2 = hi0 ^ c[3] ^ k1;
        c[0] = n0; c[1] = lo1; c[2] = n2; c[3] = lo0;
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
}

// CurandNormalStream.pairAt: the Box-Muller pair holding stream index i (i even).
__device__ inline void normalPairAt(uint64_t i, uint32_t k0, uint32_t k1, double* a, double* b) {
    uint64_t group = i >> 2;
    uint64_t thread = group % CURAND_LEGACY_THREADS;
    uint64_t round = group / CURAND_LEGACY_THREADS;
    uint64_t block = 2 * round + ((i & 3) >> 1);
    uint32_t c[4] = {(uint32_t)block, (uint32_t)(block >> 32), (uint32_t)thread, 0u};
    philoxBlock(c, k0, k1);
    uint64_t zx = (uint64_t)c[0] ^ ((uint64_t)c[1] << 21);
    uint64_t zy = (uint64_t)c[2] ^ ((uint64_t)c[3] << 21);
    double u = (double)zx * 0x1.0p-53 + 0x1.0p-54;
    double v = (double)zy * 0x1.0p-52 + 0x1.0p-53;
    double r = sqrt(-2.0 * log(u));
    double s, co;
    sincospi(v, &s, &co);
    *a = s * r;
    *b = co * r;
}

// CurandNormalStream.fill: out[o] = stream[start + o] for o in [0, len). One thread per pair.
extern "C" __global__ void normalFill(uint64_t seed, uint64_t start, double* out, int64_t len) {
    uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
    uint64_t firstPair = start >> 1;
    uint64_t pairs = ((start + len + 1) >> 1) - firstPair;
    for (uint64_t p = blockIdx.x * (uint64_t)blockDim.x + threadIdx.x; p < pairs;
         p += (uint64_t)gridDim.x * blockDim.x) {
        uint64_t i = (firstPair + p) << 1;
        double a, b;
        normalPairAt(i, k0, k1, &a, &b);
        if (i >= start) out[i - start] = a;
        if (i + 1 - start < (uint64_t)len) out[i + 1 - start] = b;
    }
}

// SyntheticGenerator.fillNodes, after x, the noise (in y) and the node signs are generated:
// y_ji = xi_j * <x_ji, theta> + sigma * z_ji with xi_j = +1 if sign_j >= 0 else -1.
// One thread per row; n rows per node; labels (per node) 0 for +1, 1 for -1.
extern "C" __global__ void fillNodes(int64_t rows, int n, int d, const double* theta, double sigma,
                                     const double* sign, const double* x, double* y, int* labels) {
    for (int64_t r = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; r < rows;
         r += (int64_t)gridDim.x * blockDim.x) {
        int64_t j = r / n;
        double xi = sign[j] >= 0 ? 1.0 : -1.0;
        double dot = 0;
        for (int k = 0; k < d; k++) dot += x[r * d + k] * theta[k];
        y[r] = xi * dot + sigma * y[r];
        if (r % n == 0) labels[j] = xi > 0 ? 0 : 1;
    }
}

// Device bandwidth baseline for the benchmark: dst = src, one double per thread and step.
extern "C" __global__ void copyDoubles(const double* src, double* dst, int64_t len) {
    for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < len; i += (int64_t)gridDim.x * blockDim.x)
        dst[i] = src[i];
}
