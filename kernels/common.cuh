// Shared definitions of the cmlr kernels. All arithmetic is double precision.
// Every kernel is named like the CPU reference method it mirrors (cpu/CpuBackend, backend/UnitOps,
// random/CurandNormalStream, data/SyntheticGenerator); entry points are extern "C" so that the
// Java side finds them by those names in the module.
#pragma once
#include <stdint.h>

// Threads per block of the reduction kernels. Fixed: block partials, and so the order in which
// the numbers are added, never depend on the device.
#define CMLR_REDUCE_THREADS 256
// Largest number of mixture components the E-step kernels hold in registers.
#define CMLR_MAX_COMPONENTS 32

// Stacked per-unit statistics: one row of W = d*d + d + 3 doubles per node:
// [G (d*d, row-major) | s (d) | q | n | 1]. Column sums of gamma-weighted rows give every
// M-step sum at once (see ComponentSums).
__host__ __device__ inline int cmlr_stat_width(int d) { return d * d + d + 3; }

// Column c of the stacked statistics of a single sample (x, y): the sample as a unit with
// G = x x^T, s = y x, q = y^2, n = 1 and the trailing column of ones.
__device__ inline double cmlr_sample_column(const double* x, double y, int d, int c) {
    int dd = d * d;
    if (c < dd) return x[c / d] * x[c % d];
    if (c < dd + d) return y * x[c - dd];
    if (c == dd + d) return y * y;
    return 1.0;
}

// Column c of the stacked statistics of row i of a node that keeps its rows: the sample's
// column, except that the trailing column (the node's weight 1) is 1 on the node's first row
// only, so a node adds n_j to the n column and 1 to the last one, like its stacked row would.
__device__ inline double cmlr_row_column(const double* x, double y, int d, int c, bool firstRow) {
    if (c == d * d + d + 2) return firstRow ? 1.0 : 0.0;
    return cmlr_sample_column(x, y, d, c);
}
