// Checks every kernel against a direct formula, running it on the CPU through shim.h.
// Writes the normalFill stream to stream.txt for the Java side (KernelEmulationTest).
#include "generation.cc"
#include "statistics.cc"
#include "estep.cc"
#include "reductions.cc"
#include <cstdio>
#include <random>
static int fails = 0;
static void check(const char* what, double got, double want, double tol) {
    double e = std::fabs(got - want) / std::max(1.0, std::fabs(want));
    if (!(e <= tol)) { if (fails < 20) printf("FAIL %s: got %.17g want %.17g\n", what, got, want); fails++; }
}
int main() {
    // 1. normalFill at several starts (odd ones; past 2^32 Philox blocks) -> dump for Java comparison
    FILE* out = fopen("stream.txt", "w");
    for (uint64_t start : {0ull, 3ull, 4ull, 262143ull, 123456789ull, (1ull << 50) + 1ull}) {
        int64_t len = 1001; std::vector<double> v(len + 1, -99);
        launch(4, 1, 64, [&] { normalFill(42, start, v.data(), len); });
        if (v[len] != -99) printf("FAIL normalFill wrote past len at start %llu\n", (unsigned long long)start), fails++;
        for (int i = 0; i < len; i++) fprintf(out, "%llu %d %.17g\n", (unsigned long long)start, i, v[i]);
    }
    fclose(out);
    // 2. nodeStats with unequal nodes vs direct sums
    std::mt19937_64 rng(1); std::normal_distribution<double> N;
    int d = 3; std::vector<int> off = {0, 1, 40, 41, 75, 140};
    int m = off.size() - 1, rows = off.back(), W = cmlr_stat_width(d);
    std::vector<double> x(rows * d), y(rows); for (auto& a : x) a = N(rng); for (auto& a : y) a = N(rng);
    std::vector<double> st(m * W, -1);
    launch(2, 1, 32, [&] { nodeStats(m, d, off.data(), x.data(), y.data(), st.data(), 0); });
    for (int j = 0; j < m; j++) {
        std::vector<double> ref(W, 0);
        for (int r = off[j]; r < off[j + 1]; r++) {
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) ref[a * d + b] += x[r * d + a] * x[r * d + b];
            for (int a = 0; a < d; a++) ref[d * d + a] += y[r] * x[r * d + a];
            ref[d * d + d] += y[r] * y[r];
        }
        ref[d * d + d + 1] = off[j + 1] - off[j]; ref[d * d + d + 2] = 1;
        for (int c = 0; c < W; c++) check("nodeStats", st[j * W + c], ref[c], 1e-13);
    }
    // nodeStats with more columns than threads (W = 45 > 16 threads: several entries per thread),
    // nodes longer than one 32-row tile
    {
        int d6 = 6, W6 = cmlr_stat_width(d6); std::vector<int> o6 = {0, 70, 71, 103};
        std::vector<double> x6(o6.back() * d6), y6(o6.back()), s6(5 * W6);
        for (auto& a : x6) a = N(rng); for (auto& a : y6) a = N(rng);
        launch(3, 1, 16, [&] { nodeStats(3, d6, o6.data(), x6.data(), y6.data(), s6.data(), 2); });
        for (int j = 0; j < 3; j++) for (int a = 0; a < d6; a++) for (int b = 0; b < d6; b++) {
            double r = 0; for (int i = o6[j]; i < o6[j + 1]; i++) r += x6[i * d6 + a] * x6[i * d6 + b];
            check("nodeStats d=6", s6[(j + 2) * W6 + a * d6 + b], r, 1e-13);
        }
        for (int j = 0; j < 3; j++) check("nodeStats d=6 n", s6[(j + 2) * W6 + d6 * d6 + d6 + 1], o6[j + 1] - o6[j], 0);
    }
    // fillCountColumns
    std::vector<double> st2(st); for (int j = 0; j < m; j++) st2[j * W + d * d + d + 1] = st2[j * W + d * d + d + 2] = 0;
    launch(1, 1, 8, [&] { fillCountColumns(m, d, off.data(), st2.data(), 0); });
    for (int i = 0; i < m * W; i++) check("fillCountColumns", st2[i], st[i], 0);
    // 3. symmetricWeights nodes and samples
    double theta[3] = {0.5, -1, 2}, s2 = 1.7;
    std::vector<double> w(m), term(m);
    launch(1, 1, 4, [&] { symmetricWeights(m, d, st.data(), theta, s2, w.data(), term.data()); });
    for (int j = 0; j < m; j++) {
        double lin = 0, quad = 0; const double* G = &st[j * W];
        for (int a = 0; a < d; a++) { lin += G[d * d + a] * theta[a]; for (int b = 0; b < d; b++) quad += theta[a] * G[a * d + b] * theta[b]; }
        check("symW w", w[j], std::tanh(lin / s2), 1e-14);
        check("symW term", term[j], std::log(std::cosh(lin / s2)) - quad / (2 * s2), 1e-12);
    }
    std::vector<double> ws(rows), ts(rows);
    launch(3, 1, 16, [&] { symmetricWeightsSamples(rows, d, x.data(), y.data(), theta, s2, ws.data(), ts.data()); });
    for (int r = 0; r < rows; r++) {
        double xt = 0; for (int a = 0; a < d; a++) xt += x[r * d + a] * theta[a];
        check("symWS w", ws[r], std::tanh(y[r] * xt / s2), 1e-14);
        check("symWS term", ts[r], std::log(std::cosh(y[r] * xt / s2)) - xt * xt / (2 * s2), 1e-12);
    }
    // 4. posteriors nodes and samples, K = 3
    int K = 3; double params[3 * 3 + 6] = {1, 0, -1, 0.5, 0.5, 0.5, 0, 0, 0, 1, 2, 0.5, std::log(0.2), std::log(0.3), std::log(0.5)};
    std::vector<double> g(m * K), ll(m * K), tm(m);
    launch(2, 1, 4, [&] { posteriors(m, d, K, st.data(), params, g.data(), ll.data(), tm.data()); });
    for (int j = 0; j < m; j++) {
        double l[3], mx = -1e300; const double* R = &st[j * W];
        for (int k = 0; k < K; k++) {
            const double* b = params + k * d; double rss = R[d * d + d];
            for (int a = 0; a < d; a++) { rss -= 2 * b[a] * R[d * d + a]; for (int c = 0; c < d; c++) rss += b[a] * R[a * d + c] * b[c]; }
            l[k] = params[9 + 3 + k] - 0.5 * R[d * d + d + 1] * std::log(2 * M_PI * params[9 + k]) - rss / (2 * params[9 + k]);
            mx = std::max(mx, l[k]);
        }
        double se = 0; for (int k = 0; k < K; k++) se += std::exp(l[k] - mx);
        for (int k = 0; k < K; k++) { check("post gamma", g[j * K + k], std::exp(l[k] - mx) / se, 1e-13); check("post ll", ll[j * K + k], l[k], 1e-12); }
        check("post term", tm[j], mx + std::log(se), 1e-12);
    }
    std::vector<double> gs(rows * K), tms(rows);
    launch(2, 1, 16, [&] { posteriorsSamples(rows, d, K, x.data(), y.data(), params, gs.data(), nullptr, tms.data()); });
    for (int r = 0; r < rows; r++) {
        double l[3], mx = -1e300;
        for (int k = 0; k < K; k++) { double e = y[r]; for (int a = 0; a < d; a++) e -= x[r * d + a] * params[k * d + a];
            l[k] = params[12 + k] - 0.5 * std::log(2 * M_PI * params[9 + k]) - e * e / (2 * params[9 + k]); mx = std::max(mx, l[k]); }
        double se = 0; for (int k = 0; k < K; k++) se += std::exp(l[k] - mx);
        for (int k = 0; k < K; k++) check("postS gamma", gs[r * K + k], std::exp(l[k] - mx) / se, 1e-13);
        check("postS term", tms[r], mx + std::log(se), 1e-12);
    }
    // 5. sumInOrder, two stages, len not a multiple of 256
    int64_t len = 1000; std::vector<double> vals(len), part(8);
    double ref = 0; for (int i = 0; i < len; i++) { vals[i] = N(rng); ref += vals[i]; }
    unsigned blocks = 3;
    launch(blocks, 1, 256, [&] { sumInOrder(vals.data(), len, part.data()); });
    launch(1, 1, 256, [&] { sumInOrder(part.data(), blocks, part.data() + blocks); });
    check("sumInOrder", part[blocks], ref, 1e-13);
    // 6. componentSums (nodes) and componentSumsSamples with small chunks, then sumPartials
    int chunk = 2, chunks = (m + chunk - 1) / chunk, E = K * W;
    std::vector<double> pp(chunks * E), cs(E);
    launch(chunks, (E + 31) / 32, 32, [&] { componentSums(m, W, 0, W, K, st.data(), g.data(), chunk, pp.data()); });
    launch((E + 31) / 32, 1, 32, [&] { sumPartials(pp.data(), chunks, E, cs.data()); });
    for (int k = 0; k < K; k++) for (int c = 0; c < W; c++) { double r = 0; for (int j = 0; j < m; j++) r += g[j * K + k] * st[j * W + c]; check("componentSums", cs[k * W + c], r, 1e-13); }
    int chunkS = 16, chunksS = (rows + chunkS - 1) / chunkS;
    std::vector<double> ps(chunksS * E), csS(E);
    launch(chunksS, (E + 31) / 32, 32, [&] { componentSumsSamples(rows, d, 0, W, K, x.data(), y.data(), gs.data(), chunkS, ps.data()); });
    launch((E + 31) / 32, 1, 32, [&] { sumPartials(ps.data(), chunksS, E, csS.data()); });
    for (int k = 0; k < K; k++) for (int c = 0; c < W; c++) {
        double r = 0; for (int i = 0; i < rows; i++) { double v; int dd = d * d;
            if (c < dd) v = x[i * d + c / d] * x[i * d + c % d]; else if (c < dd + d) v = y[i] * x[i * d + c - dd]; else if (c == dd + d) v = y[i] * y[i]; else v = 1;
            r += gs[i * K + k] * v; }
        check("componentSumsSamples", csS[k * W + c], r, 1e-12);
    }
    // partial column range (weightedXty-like), gamma null (totalGram)
    std::vector<double> p1(chunks * d * d), tg(d * d);
    launch(chunks, 1, 32, [&] { componentSums(m, W, 0, d * d, 1, st.data(), nullptr, chunk, p1.data()); });
    launch(1, 1, 32, [&] { sumPartials(p1.data(), chunks, d * d, tg.data()); });
    for (int c = 0; c < d * d; c++) { double r = 0; for (int j = 0; j < m; j++) r += st[j * W + c]; check("totalGram", tg[c], r, 1e-13); }
    // 7. fillNodes
    int n = 4, mm = 3; std::vector<double> xx(mm * n * 2), yy(mm * n), sg = {0.3, -0.1, 0.0}; std::vector<int> lab(mm, -1);
    for (auto& a : xx) a = N(rng); for (auto& a : yy) a = N(rng); auto y0 = yy; double th[2] = {1, -2};
    launch(1, 1, 5, [&] { fillNodes(mm * n, n, 2, th, 0.5, sg.data(), xx.data(), yy.data(), lab.data()); });
    for (int r = 0; r < mm * n; r++) { double xi = sg[r / n] >= 0 ? 1 : -1; check("fillNodes", yy[r], xi * (xx[r * 2] - 2 * xx[r * 2 + 1]) + 0.5 * y0[r], 1e-15); }
    if (lab[0] != 0 || lab[1] != 1 || lab[2] != 0) printf("FAIL labels %d %d %d\n", lab[0], lab[1], lab[2]), fails++;
    // 8. nodes that keep their rows (n_j < d): each row kernel against the stacked kernel on the
    // same nodes' statistics; row nodes are units unit0.. in the device order (stacked nodes first)
    {
        int d5 = 5, W5 = cmlr_stat_width(d5), K5 = 3;
        std::vector<int> o5 = {0, 2, 9, 10, 14, 19, 22, 31, 32};
        int m5 = o5.size() - 1, R5 = o5.back();
        std::vector<double> x5(R5 * d5), y5(R5), st5(m5 * W5);
        for (auto& a : x5) a = N(rng); for (auto& a : y5) a = N(rng);
        launch(2, 1, 32, [&] { nodeStats(m5, d5, o5.data(), x5.data(), y5.data(), st5.data(), 0); });
        std::vector<int> ro = {0}, ru, node;
        std::vector<double> xr, yr;
        int unit0 = 0;
        for (int j = 0; j < m5; j++) if (o5[j + 1] - o5[j] >= d5) unit0++;
        for (int j = 0; j < m5; j++) {
            if (o5[j + 1] - o5[j] >= d5) continue;
            for (int i = o5[j]; i < o5[j + 1]; i++) {
                for (int a = 0; a < d5; a++) xr.push_back(x5[i * d5 + a]);
                yr.push_back(y5[i]); ru.push_back(unit0 + (int)node.size());
            }
            node.push_back(j); ro.push_back(yr.size());
        }
        int nr = node.size(), rr = yr.size(), units = unit0 + nr;
        double th5[5] = {0.3, -0.7, 1.1, 0.2, -0.4};
        std::vector<double> wref(m5), tref(m5), wr(units, -9), tr(units, -9);
        launch(1, 1, 4, [&] { symmetricWeights(m5, d5, st5.data(), th5, 1.3, wref.data(), tref.data()); });
        launch(2, 1, 2, [&] { symmetricWeightsRows(nr, d5, unit0, ro.data(), xr.data(), yr.data(), th5, 1.3, wr.data(), tr.data()); });
        for (int r = 0; r < nr; r++) {
            check("symWRows w", wr[unit0 + r], wref[node[r]], 1e-14);
            check("symWRows term", tr[unit0 + r], tref[node[r]], 1e-12);
        }
        for (int u = 0; u < unit0; u++) if (wr[u] != -9) printf("FAIL symWRows wrote unit %d\n", u), fails++;
        std::vector<double> p5(K5 * d5 + 2 * K5);
        for (int i = 0; i < K5 * d5; i++) p5[i] = N(rng);
        for (int k = 0; k < K5; k++) { p5[K5 * d5 + k] = 0.5 + k; p5[K5 * d5 + K5 + k] = std::log((k + 1) / 6.0); }
        std::vector<double> gref(m5 * K5), lref(m5 * K5), mref(m5), gr(units * K5), lr(units * K5), mr(units);
        launch(1, 1, 4, [&] { posteriors(m5, d5, K5, st5.data(), p5.data(), gref.data(), lref.data(), mref.data()); });
        launch(2, 1, 2, [&] { posteriorsRows(nr, d5, K5, unit0, ro.data(), xr.data(), yr.data(), p5.data(), gr.data(), lr.data(), mr.data()); });
        for (int r = 0; r < nr; r++) {
            int u = unit0 + r, j = node[r];
            for (int k = 0; k < K5; k++) {
                check("postRows gamma", gr[u * K5 + k], gref[j * K5 + k], 1e-12);
                check("postRows ll", lr[u * K5 + k], lref[j * K5 + k], 1e-12);
            }
            check("postRows term", mr[u], mref[j], 1e-12);
        }
        // componentSumsRows: chunks of 3 rows split nodes; all columns, and gamma null (K = 1)
        int ch = 3, chs = (rr + ch - 1) / ch, E5 = K5 * W5;
        std::vector<double> pr(chs * E5), cr(E5);
        launch(chs, (E5 + 31) / 32, 32, [&] { componentSumsRows(rr, d5, 0, W5, K5, ru.data(), xr.data(), yr.data(), gr.data(), ch, pr.data()); });
        launch((E5 + 31) / 32, 1, 32, [&] { sumPartials(pr.data(), chs, E5, cr.data()); });
        for (int k = 0; k < K5; k++) for (int c = 0; c < W5; c++) {
            double r = 0; for (int q = 0; q < nr; q++) r += gr[(unit0 + q) * K5 + k] * st5[node[q] * W5 + c];
            check("componentSumsRows", cr[k * W5 + c], r, 1e-12);
        }
        std::vector<double> p1r(chs * d5), xs(d5);
        launch(chs, 1, 32, [&] { componentSumsRows(rr, d5, d5 * d5, d5, 1, ru.data(), xr.data(), yr.data(), nullptr, ch, p1r.data()); });
        launch(1, 1, 32, [&] { sumPartials(p1r.data(), chs, d5, xs.data()); });
        for (int a = 0; a < d5; a++) {
            double r = 0; for (int q = 0; q < nr; q++) r += st5[node[q] * W5 + d5 * d5 + a];
            check("componentSumsRows s", xs[a], r, 1e-12);
        }
        std::vector<double> rw(rr * K5 + 1, -9);
        launch(2, 1, 8, [&] { rowWeights(rr, K5, ru.data(), gr.data(), rw.data()); });
        for (int i = 0; i < rr; i++) for (int k = 0; k < K5; k++) check("rowWeights", rw[i * K5 + k], gr[ru[i] * K5 + k], 0);
        if (rw[rr * K5] != -9) printf("FAIL rowWeights wrote past rows * K\n"), fails++;
    }
    printf("%s (%d failures)\n", fails ? "KERNEL EMULATION FAILED" : "kernel emulation: all checks passed", fails);
    return fails != 0;
}
