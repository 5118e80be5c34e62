// CPU emulation of the CUDA execution model, just enough to run the cmlr kernels with g++:
// blocks run one after another, the threads of a block run as real threads, __syncthreads is a
// barrier, static shared memory becomes a static array (one block at a time). Used by
// kernels/emulate/run.sh to check kernel logic (indexing, reductions) on machines without a GPU.
// The device math library is approximated (sincospi by sin(pi v)): numbers agree to ~1e-15.
#pragma once
#include <cmath>
#include <cstdint>
#include <thread>
#include <barrier>
#include <vector>
#include <algorithm>
#include <functional>
struct D3 { unsigned x = 0, y = 0, z = 0; };
thread_local D3 threadIdx, blockIdx;
D3 blockDim, gridDim;
std::barrier<>* g_bar;
double g_dyn[1 << 16];
#define __global__
#define __device__
#define __host__
#define __launch_bounds__(n)
#define __syncthreads() g_bar->arrive_and_wait()
using std::min;
inline void sincospi(double v, double* s, double* c) { *s = std::sin(M_PI * v); *c = std::cos(M_PI * v); }
template <class F> void launch(unsigned gx, unsigned gy, unsigned bx, F f) {
    gridDim = {gx, gy, 1}; blockDim = {bx, 1, 1};
    for (unsigned by = 0; by < gy; by++) for (unsigned b = 0; b < gx; b++) {
        std::barrier<> bar(bx); g_bar = &bar;
        std::vector<std::thread> ts;
        for (unsigned t = 0; t < bx; t++) ts.emplace_back([&, t] { threadIdx = {t, 0, 0}; blockIdx = {b, by, 0}; f(); bar.arrive_and_drop(); });
        for (auto& th : ts) th.join();
    }
}
