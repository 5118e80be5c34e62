// E-step family (backend/UnitOps): per-unit terms of the symmetric model (tanh weights and
// log-likelihood terms) and of the general K-component model (l_uk, log-sum-exp posteriors).
// Node units read the stacked statistics [G | s | q | n | 1] (nodes that keep G_j) or their rows
// (nodes with fewer rows than features, model/NodeStats); sample units read the raw rows.
// Per-unit log-likelihood terms go to `term`; the reductions family sums them in a fixed order.
#include "common.cuh"

// log cosh(a), stable for large |a|.
__device__ inline double logCosh(double a) {
    double b = fabs(a);
    return b + log1p(exp(-2.0 * b)) - 0.69314718055994530942;
}

// A node's <s, b> and b^T G b from its stacked statistics (G row-major, then s).
__device__ inline void linearAndQuadratic(const double* G, const double* s, const double* b, int d,
                                          double* lin, double* quad) {
    double l = 0, q = 0;
    for (int a = 0; a < d; a++) {
        double g = 0;
        for (int c = 0; c < d; c++) g += G[a * d + c] * b[c];
        q += b[a] * g;
        l += s[a] * b[a];
    }
    *lin = l;
    *quad = q;
}

// UnitOps.symmetricWeights over nodes: w_u = tanh(<s_u, theta>/sigma2),
// term_u = log cosh(<s_u, theta>/sigma2) - theta^T G_u theta / (2 sigma2).
extern "C" __global__ void symmetricWeights(int units, int d, const double* stacked, const double* theta,
                                            double sigma2, double* w, double* term) {
    int W = cmlr_stat_width(d);
    for (int u = blockIdx.x * blockDim.x + threadIdx.x; u < units; u += gridDim.x * blockDim.x) {
        const double* row = stacked + (int64_t)u * W;
        const double* s = row + d * d;
        double lin, quad;
        linearAndQuadratic(row, s, theta, d, &lin, &quad);
        double arg = lin / sigma2;
        w[u] = tanh(arg);
        term[u] = logCosh(arg) - quad / (2.0 * sigma2);
    }
}

// The same over nodes that keep their rows: node r holds rows [offsets[r], offsets[r+1]) of x and
// y and is unit unit0 + r. <s, theta> = sum_i y_i <x_i, theta>, theta^T G theta = sum_i <x_i, theta>^2.
extern "C" __global__ void symmetricWeightsRows(int nodes, int d, int unit0, const int* offsets, const double* x,
                                                const double* y, const double* theta, double sigma2, double* w,
                                                double* term) {
    for (int r = blockIdx.x * blockDim.x + threadIdx.x; r < nodes; r += gridDim.x * blockDim.x) {
        double lin = 0, quad = 0;
        for (int64_t i = offsets[r]; i < offsets[r + 1]; i++) {
            double xt = 0;
            for (int a = 0; a < d; a++) xt += x[i * d + a] * theta[a];
            lin += y[i] * xt;
            quad += xt * xt;
        }
        double arg = lin / sigma2;
        w[unit0 + r] = tanh(arg);
        term[unit0 + r] = logCosh(arg) - quad / (2.0 * sigma2);
    }
}

// The same over samples (standard EM): a = y <x, theta>/sigma2, quadratic term <x, theta>^2.
extern "C" __global__ void symmetricWeightsSamples(int64_t units, int d, const double* x, const double* y,
                                                   const double* theta, double sigma2, double* w, double* term) {
    for (int64_t u = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; u < units;
         u += (int64_t)gridDim.x * blockDim.x) {
        double xt = 0;
        for (int a = 0; a < d; a++) xt += x[u * d + a] * theta[a];
        double arg = y[u] * xt / sigma2;
        w[u] = tanh(arg);
        term[u] = logCosh(arg) - xt * xt / (2.0 * sigma2);
    }
}

// StableMath.softmax: probabilities of l[0..K) into gamma (log-sum-exp); returns logsumexp.
// No finite entry (or +infinity): uniform probabilities, like the CPU reference.
__device__ inline double softmaxInto(const double* l, int K, double* gamma) {
    double mx = -INFINITY;
    for (int k = 0; k < K; k++) mx = fmax(mx, l[k]);
    if (!(mx > -INFINITY) || mx == INFINITY) {
        for (int k = 0; k < K; k++) gamma[k] = 1.0 / K;
        return mx == INFINITY ? INFINITY : -INFINITY;
    }
    double sum = 0;
    for (int k = 0; k < K; k++) {
        double e = exp(l[k] - mx);
        gamma[k] = e;
        sum += e;
    }
    double inv = 1.0 / sum;
    for (int k = 0; k < K; k++) gamma[k] *= inv;
    return mx + log(sum);
}

// UnitOps.posteriors over nodes. params = [beta (K*d) | sigma2 (K) | log pi (K)].
// l_uk = log pi_k - (n_u/2) log(2 pi sigma_k^2) - RSS_uk/(2 sigma_k^2), RSS = q - 2 b.s + b^T G b.
// Writes gamma (units x K), logLik (units x K, may be null) and term_u = logsumexp_k l_uk.
extern "C" __global__ void posteriors(int units, int d, int K, const double* stacked, const double* params,
                                      double* gamma, double* logLik, double* term) {
    int W = cmlr_stat_width(d);
    const double* sigma2 = params + K * d;
    const double* logPi = sigma2 + K;
    double l[CMLR_MAX_COMPONENTS];
    for (int u = blockIdx.x * blockDim.x + threadIdx.x; u < units; u += gridDim.x * blockDim.x) {
        const double* row = stacked + (int64_t)u * W;
        const double* s = row + d * d;
        double q = row[d * d + d], n = row[d * d + d + 1];
        for (int k = 0; k < K; k++) {
            const double* b = params + k * d;
            double lin, quad;
            linearAndQuadratic(row, s, b, d, &lin, &quad);
            double rss = fmax(0.0, q - 2.0 * lin + quad);
            l[k] = logPi[k] - 0.5 * n * log(2.0 * M_PI * sigma2[k]) - rss / (2.0 * sigma2[k]);
        }
        term[u] = softmaxInto(l, K, gamma + (int64_t)u * K);
        if (logLik) for (int k = 0; k < K; k++) logLik[(int64_t)u * K + k] = l[k];
    }
}

// The same over nodes that keep their rows (layout of symmetricWeightsRows):
// RSS_uk = sum_i (y_i - <x_i, beta_k>)^2 over the node's rows, n_u its row count.
extern "C" __global__ void posteriorsRows(int nodes, int d, int K, int unit0, const int* offsets, const double* x,
                                          const double* y, const double* params, double* gamma, double* logLik,
                                          double* term) {
    const double* sigma2 = params + K * d;
    const double* logPi = sigma2 + K;
    double l[CMLR_MAX_COMPONENTS];
    for (int r = blockIdx.x * blockDim.x + threadIdx.x; r < nodes; r += gridDim.x * blockDim.x) {
        int64_t i0 = offsets[r], i1 = offsets[r + 1];
        int64_t u = unit0 + r;
        for (int k = 0; k < K; k++) {
            const double* b = params + k * d;
            double rss = 0;
            for (int64_t i = i0; i < i1; i++) {
                double e = y[i];
                for (int a = 0; a < d; a++) e -= x[i * d + a] * b[a];
                rss += e * e;
            }
            l[k] = logPi[k] - 0.5 * (double)(i1 - i0) * log(2.0 * M_PI * sigma2[k]) - rss / (2.0 * sigma2[k]);
        }
        term[u] = softmaxInto(l, K, gamma + u * K);
        if (logLik) for (int k = 0; k < K; k++) logLik[u * K + k] = l[k];
    }
}

// The same over samples (ungrouped model): RSS_ik = (y_i - <x_i, beta_k>)^2, n = 1.
extern "C" __global__ void posteriorsSamples(int64_t units, int d, int K, const double* x, const double* y,
                                             const double* params, double* gamma, double* logLik, double* term) {
    const double* sigma2 = params + K * d;
    const double* logPi = sigma2 + K;
    double l[CMLR_MAX_COMPONENTS];
    for (int64_t u = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; u < units;
         u += (int64_t)gridDim.x * blockDim.x) {
        for (int k = 0; k < K; k++) {
            double r = y[u];
            for (int a = 0; a < d; a++) r -= x[u * d + a] * params[k * d + a];
            l[k] = logPi[k] - 0.5 * log(2.0 * M_PI * sigma2[k]) - r * r / (2.0 * sigma2[k]);
        }
        term[u] = softmaxInto(l, K, gamma + u * K);
        if (logLik) for (int k = 0; k < K; k++) logLik[u * K + k] = l[k];
    }
}
