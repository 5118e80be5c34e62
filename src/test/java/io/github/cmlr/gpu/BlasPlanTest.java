package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.random.CurandNormalStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the cuBLAS call plans on the host with cuBLAS's documented column-major semantics (and
 * its leading-dimension rules) and checks the results against direct formulas: the arguments the
 * GPU backend passes to cuBLAS are right, although cuBLAS itself only runs on a GPU.
 */
class BlasPlanTest {
    private final Map<String, double[]> mem = new HashMap<>();

    private static double[] normals(long seed, int len) {
        double[] v = new double[len];
        new CurandNormalStream(seed).fill(0, v, 0, len);
        return v;
    }

    private double get(BlasPlan.Operand o, long i) {
        return mem.get(o.buffer())[(int) (o.offset() + i)];
    }

    private void gemm(BlasPlan.Gemm g) {
        assertTrue(g.lda() >= Math.max(1, g.transA() ? g.k() : g.m()), g.what() + ": lda");
        assertTrue(g.ldb() >= Math.max(1, g.transB() ? g.n() : g.k()), g.what() + ": ldb");
        assertTrue(g.ldc() >= Math.max(1, g.m()), g.what() + ": ldc");
        assertTrue(g.batch() >= 1 && g.batch() <= BlasPlan.MAX_BATCH, g.what() + ": batch count " + g.batch());
        double[] c = mem.get(g.c().buffer());
        for (int b = 0; b < g.batch(); b++) {
            for (int i = 0; i < g.m(); i++) {
                for (int j = 0; j < g.n(); j++) {
                    double s = 0;
                    for (int l = 0; l < g.k(); l++) {
                        double av = get(g.a(), b * g.strideA() + (g.transA() ? l + (long) i * g.lda() : i + (long) l * g.lda()));
                        double bv = get(g.b(), b * g.strideB() + (g.transB() ? j + (long) l * g.ldb() : l + (long) j * g.ldb()));
                        s += av * bv;
                    }
                    int ci = (int) (g.c().offset() + b * g.strideC() + i + (long) j * g.ldc());
                    c[ci] = s + (g.beta() == 0 ? 0 : g.beta() * c[ci]);
                }
            }
        }
    }

    private void gemv(BlasPlan.Gemv g) {
        assertTrue(!g.trans() && g.lda() >= Math.max(1, g.m()), g.what() + ": lda");
        double[] y = mem.get(g.y().buffer());
        for (int i = 0; i < g.m(); i++) {
            double s = 0;
            for (int j = 0; j < g.n(); j++) s += get(g.a(), i + (long) j * g.lda()) * get(g.x(), (long) j * g.incx());
            int yi = (int) (g.y().offset() + i);
            y[yi] = s + (g.beta() == 0 ? 0 : g.beta() * y[yi]);
        }
    }

    private void dgmm(BlasPlan.Dgmm g) {
        assertTrue(g.lda() >= g.m() && g.ldc() >= g.m(), g.what() + ": leading dimensions");
        double[] c = mem.get(g.c().buffer());
        for (int i = 0; i < g.m(); i++) {
            for (int j = 0; j < g.n(); j++) {
                c[(int) (g.c().offset() + i + (long) j * g.ldc())] = get(g.a(), i + (long) j * g.lda()) * get(g.x(), (long) j * g.incx());
            }
        }
    }

    @Test
    void nodeStatisticsPlanFillsGsAndQOfEveryNode() {
        nodeStatisticsWithBatchesOf(BlasPlan.MAX_BATCH);
    }

    @Test
    void nodeStatisticsPlanSplitsLargeBatches() {
        assertEquals(9, BlasPlan.nodeStats(5, 7, 3, Kernels.stackedWidth(3), 2).size(), "3 calls per batch of <= 2 nodes");
        nodeStatisticsWithBatchesOf(2);
        mem.clear();
        nodeStatisticsWithBatchesOf(1);
    }

    private void nodeStatisticsWithBatchesOf(int maxBatch) {
        int m = 5, n = 7, d = 3, w = Kernels.stackedWidth(d);
        double[] x = normals(1, m * n * d);
        double[] y = normals(2, m * n);
        mem.put("x", x);
        mem.put("y", y);
        mem.put("stacked", new double[m * w]);
        for (BlasPlan.Gemm g : BlasPlan.nodeStats(m, n, d, w, maxBatch)) gemm(g);
        double[] st = mem.get("stacked");
        for (int j = 0; j < m; j++) {
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int i = j * n; i < (j + 1) * n; i++) s += y[i] * x[i * d + a];
                assertEquals(s, st[j * w + d * d + a], 1e-12, "s_j");
                for (int b = 0; b < d; b++) {
                    double g = 0;
                    for (int i = j * n; i < (j + 1) * n; i++) g += x[i * d + a] * x[i * d + b];
                    assertEquals(g, st[j * w + a * d + b], 1e-12, "G_j");
                }
            }
            double q = 0;
            for (int i = j * n; i < (j + 1) * n; i++) q += y[i] * y[i];
            assertEquals(q, st[j * w + d * d + d], 1e-12, "q_j");
        }
    }

    @Test
    void componentSumsAndWeightedXtyPlansWeightTheStackedRows() {
        int units = 9, d = 2, w = Kernels.stackedWidth(d), k = 3;
        double[] st = normals(3, units * w);
        double[] gamma = normals(4, units * k);
        double[] weights = normals(5, units);
        mem.put("stacked", st);
        mem.put("gamma", gamma);
        mem.put("out", new double[w * k]);
        gemm(BlasPlan.componentSums(units, w, k));
        for (int c = 0; c < k; c++) {
            for (int col = 0; col < w; col++) {
                double s = 0;
                for (int u = 0; u < units; u++) s += gamma[u * k + c] * st[u * w + col];
                assertEquals(s, mem.get("out")[c * w + col], 1e-12);
            }
        }
        mem.put("weights", weights);
        mem.put("out", new double[d]);
        gemv(BlasPlan.weightedXty(units, d, w));
        for (int a = 0; a < d; a++) {
            double s = 0;
            for (int u = 0; u < units; u++) s += weights[u] * st[u * w + d * d + a];
            assertEquals(s, mem.get("out")[a], 1e-12);
        }
    }

    @Test
    void sampleSumsPlanAccumulatesChunksInOrder() {
        int rows = 11, d = 3, k = 2, chunk = 4;
        double[] x = normals(6, rows * d);
        double[] y = normals(7, rows);
        double[] gamma = normals(8, rows * k);
        mem.put("x", x);
        mem.put("y", y);
        mem.put("gamma", gamma);
        for (int comp = 0; comp < k; comp++) {
            mem.put("scratch", new double[d * chunk]);
            mem.put("gram", new double[d * d]);
            mem.put("xty", new double[d]);
            for (int u0 = 0; u0 < rows; u0 += chunk) {
                for (Object call : BlasPlan.sampleSums(u0, Math.min(chunk, rows - u0), d, k, comp, u0 == 0)) {
                    if (call instanceof BlasPlan.Dgmm g) dgmm(g);
                    else if (call instanceof BlasPlan.Gemm g) gemm(g);
                    else gemv((BlasPlan.Gemv) call);
                }
            }
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int i = 0; i < rows; i++) s += gamma[i * k + comp] * y[i] * x[i * d + a];
                assertEquals(s, mem.get("xty")[a], 1e-12, "xty");
                for (int b = 0; b < d; b++) {
                    double g = 0;
                    for (int i = 0; i < rows; i++) g += gamma[i * k + comp] * x[i * d + a] * x[i * d + b];
                    assertEquals(g, mem.get("gram")[a * d + b], 1e-12, "gram");
                }
            }
        }
    }

    /**
     * The row nodes' cuBLAS sums: the kept rows of a mixed layout, each row weighted by its
     * node's gamma (the rowWeights gather), through the samples' plan in chunks that split nodes,
     * give sum_u gamma_uk G_u and sum_u gamma_uk s_u over those nodes, read through NodeStats.
     */
    @Test
    void keptRowsThroughTheSamplePlanGiveTheNodesGramSums() {
        io.github.cmlr.model.NodeStats st;
        try (io.github.cmlr.cpu.CpuBackend cpu = new io.github.cmlr.cpu.CpuBackend(1)) {
            st = cpu.nodeStats(HostLayoutTest.mixedData());
        }
        NodeLayout l = NodeLayout.of(st);
        int d = l.dim(), k = 2, rows = l.rows(), chunk = 2, units = l.units();
        double[] gamma = normals(9, units * k);
        double[] perRow = new double[rows * k];
        for (int i = 0; i < rows; i++) for (int c = 0; c < k; c++) perRow[i * k + c] = gamma[l.rowUnit()[i] * k + c];
        mem.put("x", l.x());
        mem.put("y", l.y());
        mem.put("gamma", perRow);
        for (int comp = 0; comp < k; comp++) {
            mem.put("scratch", new double[d * chunk]);
            mem.put("gram", new double[d * d]);
            mem.put("xty", new double[d]);
            for (int u0 = 0; u0 < rows; u0 += chunk) {
                for (Object call : BlasPlan.sampleSums(u0, Math.min(chunk, rows - u0), d, k, comp, u0 == 0)) {
                    if (call instanceof BlasPlan.Dgmm g) dgmm(g);
                    else if (call instanceof BlasPlan.Gemm g) gemm(g);
                    else gemv((BlasPlan.Gemv) call);
                }
            }
            double[] gram = new double[d * d];
            double[] xty = new double[d];
            for (int u = l.stackedNodes(); u < units; u++) {
                int j = l.order()[u];
                double[] gj = st.gram(j);
                for (int e = 0; e < d * d; e++) gram[e] += gamma[u * k + comp] * gj[e];
                for (int a = 0; a < d; a++) xty[a] += gamma[u * k + comp] * st.xty()[j * d + a];
            }
            for (int e = 0; e < d * d; e++) assertEquals(gram[e], mem.get("gram")[e], 1e-12, "gram");
            for (int a = 0; a < d; a++) assertEquals(xty[a], mem.get("xty")[a], 1e-12, "xty");
        }
    }
}
