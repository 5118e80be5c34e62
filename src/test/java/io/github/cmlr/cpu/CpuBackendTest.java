package io.github.cmlr.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CpuBackendTest {
    private static final double TOL = 1e-10;

    /** Nodes of unequal sizes 1..9, d = 3, random values. */
    static Dataset ragged(int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] off = new int[m + 1];
        for (int j = 0; j < m; j++) off[j + 1] = off[j] + 1 + r.nextInt(9);
        int rows = off[m];
        double[] x = new double[rows * 3];
        double[] y = new double[rows];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        for (int i = 0; i < rows; i++) y[i] = 2 * r.nextGaussian();
        return new Dataset(3, off, x, y, null, null);
    }

    @Test
    void nodeStatsMatchNaiveSums() {
        Dataset data = ragged(40, 1);
        NodeStats st = new CpuBackend(2).nodeStats(data);
        int d = 3;
        for (int j = 0; j < data.nodes(); j++) {
            double q = 0;
            double[] g = new double[d * d];
            double[] s = new double[d];
            for (int row = data.nodeOffset(j); row < data.nodeOffset(j + 1); row++) {
                double y = data.y()[row];
                q += y * y;
                for (int a = 0; a < d; a++) {
                    s[a] += y * data.x()[row * d + a];
                    for (int b = 0; b < d; b++) g[a * d + b] += data.x()[row * d + a] * data.x()[row * d + b];
                }
            }
            assertEquals(data.nodeSize(j), st.counts()[j]);
            assertEquals(q, st.yty()[j], TOL);
            for (int a = 0; a < d; a++) assertEquals(s[a], st.xty()[j * d + a], TOL);
            for (int a = 0; a < d * d; a++) assertEquals(g[a], st.gram()[j * d * d + a], TOL);
        }
    }

    @Test
    void bitwiseIdenticalWithOneAndTwoThreads() {
        Dataset data = new CpuBackend(1).generate(SyntheticSpec.withSnr(700, 9, 4, 1, 4, 8));
        CpuBackend one = new CpuBackend(1);
        CpuBackend two = new CpuBackend(2);
        NodeStats s1 = one.nodeStats(data);
        NodeStats s2 = two.nodeStats(data);
        assertArrayEquals(s1.gram(), s2.gram());
        assertArrayEquals(s1.xty(), s2.xty());
        assertArrayEquals(s1.yty(), s2.yty());
        MixtureParams p = new MixtureParams(4, new double[] {1, 0, -1, 0.5, 0, 1, 1, -1}, new double[] {1.5, 0.7},
                new double[] {0.3, 0.7});
        double[] theta = {0.5, -1, 2, 0.1};
        try (UnitOps a = one.nodeUnits(s1); UnitOps b = two.nodeUnits(s2);
             UnitOps sa = one.sampleUnits(data); UnitOps sb = two.sampleUnits(data)) {
            assertSameOps(a, b, p, theta);
            assertSameOps(sa, sb, p, theta);
        }
    }

    private static void assertSameOps(UnitOps a, UnitOps b, MixtureParams p, double[] theta) {
        int u = a.units();
        double[] wa = new double[u];
        double[] wb = new double[u];
        assertEquals(Double.doubleToLongBits(a.symmetricWeights(theta, 1.3, wa)),
                Double.doubleToLongBits(b.symmetricWeights(theta, 1.3, wb)));
        assertArrayEquals(wa, wb);
        double[] xa = new double[a.dim()];
        double[] xb = new double[a.dim()];
        a.weightedXty(wa, xa);
        b.weightedXty(wb, xb);
        assertArrayEquals(xa, xb);
        double[] ga = new double[u * 2];
        double[] gb = new double[u * 2];
        assertEquals(Double.doubleToLongBits(a.posteriors(p, ga, null)), Double.doubleToLongBits(b.posteriors(p, gb, null)));
        assertArrayEquals(ga, gb);
        ComponentSums ca = new ComponentSums(2, a.dim());
        ComponentSums cb = new ComponentSums(2, a.dim());
        a.componentSums(ga, 2, ca);
        b.componentSums(gb, 2, cb);
        assertArrayEquals(ca.gram, cb.gram);
        assertArrayEquals(ca.xty, cb.xty);
        assertArrayEquals(ca.yty, cb.yty);
        assertArrayEquals(ca.count, cb.count);
        assertArrayEquals(ca.weight, cb.weight);
        assertArrayEquals(a.totalGram(), b.totalGram());
        ComponentSums fa = new ComponentSums(2, a.dim());
        ComponentSums fb = new ComponentSums(2, a.dim());
        assertEquals(Double.doubleToLongBits(a.posteriorsAndSums(p, ga, null, fa)),
                Double.doubleToLongBits(b.posteriorsAndSums(p, gb, null, fb)));
        assertArrayEquals(fa.gram, fb.gram);
        assertArrayEquals(fa.xty, fb.xty);
        assertArrayEquals(fa.yty, fb.yty);
        assertArrayEquals(fa.weight, fb.weight);
    }

    /** Per component, ||a - b|| <= rel ||a|| (Frobenius) for G and s, and q, n, weight each to rel. */
    private static void assertClose(ComponentSums a, ComponentSums b, double rel) {
        int d = a.dim;
        for (int c = 0; c < a.components; c++) {
            assertTrue(relDiff(a.gram, b.gram, c * d * d, d * d) <= rel, "G of component " + c + ": "
                    + relDiff(a.gram, b.gram, c * d * d, d * d));
            assertTrue(relDiff(a.xty, b.xty, c * d, d) <= rel, "s of component " + c);
            assertEquals(a.yty[c], b.yty[c], rel * Math.abs(a.yty[c]));
            assertEquals(a.count[c], b.count[c], rel * Math.abs(a.count[c]));
            assertEquals(a.weight[c], b.weight[c], rel * Math.abs(a.weight[c]));
        }
    }

    private static double relDiff(double[] a, double[] b, int off, int len) {
        double num = 0;
        double den = 0;
        for (int i = off; i < off + len; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += a[i] * a[i];
        }
        return Math.sqrt(num / den);
    }

    /**
     * The fused pass forms the Gram sum of the heaviest component as A minus the others'. On
     * ill-conditioned data (feature scales 1e-3 .. 1e3, two nearly collinear columns, an offset
     * column) and K = 3 with the complement in the middle, it matches the direct sums of the same
     * posteriors to 1e-12 relative, for nodes that keep rows and nodes that keep G_j, and stays
     * bitwise the same for 1 and 3 threads.
     */
    @Test
    void complementGramMatchesDirectSumsOnIllConditionedData() {
        int d = 5;
        SplittableRandom r = new SplittableRandom(11);
        int m = 2000; // two blocks of 768 nodes and a part
        int[] off = new int[m + 1];
        for (int j = 0; j < m; j++) off[j + 1] = off[j] + 1 + r.nextInt(2 * d); // both forms
        double[] scale = {1e3, 1e3, 1, 1e-3, 1};
        double[] x = new double[off[m] * d];
        double[] y = new double[off[m]];
        for (int i = 0; i < off[m]; i++) {
            double t = r.nextGaussian();
            x[i * d] = scale[0] * t;
            x[i * d + 1] = scale[1] * (t + 1e-7 * r.nextGaussian());
            x[i * d + 2] = 1e2; // an offset: large mean, no spread
            x[i * d + 3] = scale[3] * r.nextGaussian();
            x[i * d + 4] = r.nextGaussian();
            y[i] = x[i * d] * 1e-3 + x[i * d + 4] + r.nextGaussian();
        }
        Dataset data = new Dataset(d, off, x, y, null, null);
        MixtureParams p = new MixtureParams(d, new double[] {1e-3, 0, 0, 0, 1, 0, 1e-3, 0.01, 1e3, 0, 0, 0, 0, 0, 2},
                new double[] {1.5, 0.7, 3}, new double[] {0.25, 0.45, 0.3});
        NodeStats st = new CpuBackend(1).nodeStats(data);
        try (UnitOps a = new CpuBackend(1).nodeUnits(st); UnitOps b = new CpuBackend(3).nodeUnits(st)) {
            double[] gamma = new double[m * 3];
            ComponentSums fused = new ComponentSums(3, d);
            a.posteriorsAndSums(p, gamma, null, fused);
            ComponentSums direct = new ComponentSums(3, d);
            a.componentSums(gamma, 3, direct);
            assertClose(direct, fused, 1e-12);
            ComponentSums three = new ComponentSums(3, d);
            b.posteriorsAndSums(p, new double[m * 3], null, three);
            assertArrayEquals(fused.gram, three.gram);
            assertArrayEquals(fused.xty, three.xty);
        }
    }

    /**
     * Nodes of 1 to 9 rows at d = 3, so some keep their rows and some G_j: bitwise the same for 1, 2
     * and 3 threads, the fused pass bitwise the two steps apart, and equal up to rounding to the
     * same statistics held all as G_j.
     */
    @Test
    void mixedNodeFormsAreThreadInvariantAndAgreeWithTheGramForm() {
        Dataset data = ragged(3000, 5); // several blocks (1024 nodes of about 5 rows each)
        NodeStats mixed = new CpuBackend(1).nodeStats(data);
        int keepRows = 0;
        for (int j = 0; j < mixed.nodes(); j++) if (mixed.holdsRows(j)) keepRows++;
        assertTrue(keepRows > 100 && keepRows < mixed.nodes() - 100, keepRows + " nodes keep rows");
        NodeStats allGram = new NodeStats(3, mixed.counts(), mixed.gram(), mixed.xty(), mixed.yty(), null);
        MixtureParams p = new MixtureParams(3, new double[] {1, 0, -1, 0.5, 0, 1}, new double[] {1.5, 0.7},
                new double[] {0.3, 0.7});
        double[] theta = {0.5, -1, 2};
        try (UnitOps a = new CpuBackend(1).nodeUnits(mixed); UnitOps b = new CpuBackend(2).nodeUnits(mixed);
             UnitOps c = new CpuBackend(3).nodeUnits(mixed); UnitOps g = new CpuBackend(2).nodeUnits(allGram)) {
            assertSameOps(a, b, p, theta);
            assertSameOps(a, c, p, theta);
            int u = a.units();
            double[] ga = new double[u * 2];
            double[] gg = new double[u * 2];
            double la = a.posteriors(p, ga, null);
            assertEquals(la, g.posteriors(p, gg, null), 1e-12 * Math.abs(la));
            assertArrayEquals(ga, gg, 1e-12);
            ComponentSums apart = new ComponentSums(2, 3);
            ComponentSums fused = new ComponentSums(2, 3);
            ComponentSums gram = new ComponentSums(2, 3);
            a.componentSums(ga, 2, apart);
            double[] gf = new double[u * 2];
            assertEquals(Double.doubleToLongBits(la), Double.doubleToLongBits(a.posteriorsAndSums(p, gf, null, fused)));
            assertArrayEquals(ga, gf);
            assertClose(apart, fused, 1e-13); // the fused pass forms one component's Gram as A - the other's
            g.componentSums(ga, 2, gram);
            assertArrayEquals(gram.gram, apart.gram, 1e-9);
            assertArrayEquals(gram.xty, apart.xty, 1e-12);
            assertArrayEquals(a.totalGram(), g.totalGram(), 1e-9);
        }
    }

    /**
     * Nodes that keep 1 to 5 rows at d = 6, K = 4 with posteriors spread over several components
     * (some below the negligible weight), so that many nodes go through their own X'X once
     * ({@link ComponentRowSums#sharesProducts}) and others row by row: the sums equal a direct
     * triple loop over the rows to 1e-13 relative, and are bitwise the same for 1 and 3 threads.
     */
    @Test
    void nodesSummedByManyComponentsMatchTheRowByRowSums() {
        int d = 6;
        int k = 4;
        SplittableRandom r = new SplittableRandom(23);
        int m = 3000;
        int[] off = new int[m + 1];
        for (int j = 0; j < m; j++) off[j + 1] = off[j] + 1 + r.nextInt(5);
        double[] x = new double[off[m] * d];
        double[] y = new double[off[m]];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian() + (i % d == 0 ? 3 : 0);
        for (int i = 0; i < y.length; i++) y[i] = r.nextGaussian();
        Dataset data = new Dataset(d, off, x, y, null, null);
        double[] gamma = new double[m * k];
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double v = r.nextDouble();
                gamma[j * k + c] = v < 0.3 ? 1e-30 : v; // about a third negligible
                sum += gamma[j * k + c];
            }
            for (int c = 0; c < k; c++) gamma[j * k + c] /= sum;
        }
        NodeStats st = new CpuBackend(1).nodeStats(data);
        for (int j = 0; j < m; j++) assertTrue(st.holdsRows(j));
        ComponentSums one = new ComponentSums(k, d);
        ComponentSums three = new ComponentSums(k, d);
        try (UnitOps a = new CpuBackend(1).nodeUnits(st); UnitOps b = new CpuBackend(3).nodeUnits(st)) {
            a.componentSums(gamma, k, one);
            b.componentSums(gamma, k, three);
        }
        assertArrayEquals(one.gram, three.gram);
        assertArrayEquals(one.xty, three.xty);
        assertArrayEquals(one.yty, three.yty);
        ComponentSums direct = new ComponentSums(k, d);
        for (int j = 0; j < m; j++) {
            for (int c = 0; c < k; c++) {
                double g = gamma[j * k + c];
                direct.count[c] += g * (off[j + 1] - off[j]);
                direct.weight[c] += g;
                if (g < CpuUnitOps.NEGLIGIBLE_WEIGHT) continue;
                for (int i = off[j]; i < off[j + 1]; i++) {
                    direct.yty[c] += g * y[i] * y[i];
                    for (int a = 0; a < d; a++) {
                        direct.xty[c * d + a] += g * y[i] * x[i * d + a];
                        for (int e = 0; e < d; e++) direct.gram[c * d * d + a * d + e] += g * x[i * d + a] * x[i * d + e];
                    }
                }
            }
        }
        assertClose(direct, one, 1e-13);
        int shared = 0;
        for (int j = 0; j < m; j++) {
            int summed = 0;
            for (int c = 0; c < k; c++) if (gamma[j * k + c] >= CpuUnitOps.NEGLIGIBLE_WEIGHT) summed++;
            if (ComponentRowSums.sharesProducts(summed, off[j + 1] - off[j])) shared++;
        }
        assertTrue(shared > m / 4 && shared < 3 * m / 4, shared + " of " + m + " nodes shared their products");
    }

    /** A unit's own products pay off from two components and four rows, three components and three rows. */
    @Test
    void sharedProductsOnlyWhereTheyCostLess() {
        assertFalse(ComponentRowSums.sharesProducts(1, 100));
        assertFalse(ComponentRowSums.sharesProducts(4, 1));
        assertFalse(ComponentRowSums.sharesProducts(2, 3));
        assertTrue(ComponentRowSums.sharesProducts(2, 4));
        assertFalse(ComponentRowSums.sharesProducts(3, 2));
        assertTrue(ComponentRowSums.sharesProducts(3, 3));
        assertTrue(ComponentRowSums.sharesProducts(5, 20));
    }

    /**
     * Standard EM's fused pass at K = 3: the two components it sums are bitwise those of the
     * M-step alone, the heaviest one (from the totals) equal to rounding, and the log-likelihood
     * and posteriors bitwise those of the E-step alone, over several sample blocks.
     */
    @Test
    void sampleFusedPassMatchesTheStepsApart() {
        Dataset data = ragged(2500, 6); // about 12,500 rows: three blocks of 4096
        MixtureParams p = new MixtureParams(3, new double[] {1, 0, -1, 0.5, 0, 1, 0, 0, 2},
                new double[] {1.5, 0.7, 3}, new double[] {0.3, 0.5, 0.2});
        try (UnitOps rows = new CpuBackend(2).sampleUnits(data)) {
            int u = rows.units();
            double[] ga = new double[u * 3];
            double la = rows.posteriors(p, ga, null);
            ComponentSums apart = new ComponentSums(3, 3);
            rows.componentSums(ga, 3, apart);
            double[] gf = new double[u * 3];
            ComponentSums fused = new ComponentSums(3, 3);
            assertEquals(Double.doubleToLongBits(la), Double.doubleToLongBits(rows.posteriorsAndSums(p, gf, null, fused)));
            assertArrayEquals(ga, gf);
            for (int c : new int[] {0, 2}) { // component 1 (weight 0.5) is formed from the totals
                assertArrayEquals(java.util.Arrays.copyOfRange(apart.gram, c * 9, c * 9 + 9),
                        java.util.Arrays.copyOfRange(fused.gram, c * 9, c * 9 + 9));
                assertArrayEquals(java.util.Arrays.copyOfRange(apart.xty, c * 3, c * 3 + 3),
                        java.util.Arrays.copyOfRange(fused.xty, c * 3, c * 3 + 3));
                assertEquals(apart.yty[c], fused.yty[c], 0.0);
                assertEquals(apart.weight[c], fused.weight[c], 0.0);
            }
            assertClose(apart, fused, 1e-12);
        }
    }

    /** Node blocks hold about 4096 rows: 256 nodes from 16 rows up, up to 4096 nodes of one row; a multiple of 256. */
    @Test
    void nodeBlocksGrowForNodesOfFewRows() {
        assertEquals(256, CpuNodeUnits.blockSizeFor(new double[0]));
        assertEquals(256, CpuNodeUnits.blockSizeFor(filled(1000, 100)));
        assertEquals(256, CpuNodeUnits.blockSizeFor(filled(1000, 16)));
        assertEquals(512, CpuNodeUnits.blockSizeFor(filled(1000, 15)));
        assertEquals(1024, CpuNodeUnits.blockSizeFor(filled(1000, 5)));
        assertEquals(4096, CpuNodeUnits.blockSizeFor(filled(1000, 1)));
        assertEquals(4096, CpuNodeUnits.blockSizeFor(filled(10, 0.5))); // never above a sample block
    }

    private static double[] filled(int m, double n) {
        double[] c = new double[m];
        java.util.Arrays.fill(c, n);
        return c;
    }

    /** Sample units on a dataset whose nodes are single rows equal node units on the same data. */
    @Test
    void sampleUnitsMatchNodeUnitsOfOneRowNodes() {
        Dataset ragged = ragged(1500, 4); // > 4096 rows: several sample blocks
        int rows = ragged.rows();
        Dataset single = new Dataset(3, Dataset.equalOffsets(rows, 1), ragged.x(), ragged.y(), null, null);
        CpuBackend cpu = new CpuBackend(2);
        MixtureParams p = new MixtureParams(3, new double[] {1, 0, -1, 0.5, 0, 1, 0, 0, 2},
                new double[] {1.5, 0.7, 3}, new double[] {0.3, 0.5, 0.2});
        double[] theta = {0.5, -1, 2};
        try (UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(single)); UnitOps samples = cpu.sampleUnits(ragged)) {
            assertEquals(nodes.units(), samples.units());
            assertArrayEquals(nodes.unitCounts(), samples.unitCounts());
            double[] wn = new double[rows];
            double[] ws = new double[rows];
            double ln = nodes.symmetricWeights(theta, 0.8, wn);
            double ls = samples.symmetricWeights(theta, 0.8, ws);
            assertEquals(ln, ls, 1e-12 * Math.abs(ln));
            assertArrayEquals(wn, ws, 1e-12);
            double[] gn = new double[rows * 3];
            double[] gs = new double[rows * 3];
            double pn = nodes.posteriors(p, gn, null);
            double ps = samples.posteriors(p, gs, null);
            assertEquals(pn, ps, 1e-12 * Math.abs(pn));
            assertArrayEquals(gn, gs, 1e-9);
            ComponentSums cn = new ComponentSums(3, 3);
            ComponentSums cs = new ComponentSums(3, 3);
            nodes.componentSums(gn, 3, cn);
            samples.componentSums(gn, 3, cs);
            assertArrayEquals(cn.gram, cs.gram, 1e-9);
            assertArrayEquals(cn.xty, cs.xty, 1e-9);
            assertArrayEquals(cn.yty, cs.yty, 1e-9);
            assertArrayEquals(cn.count, cs.count, 1e-9);
            assertArrayEquals(nodes.totalGram(), samples.totalGram(), 1e-9);
        }
    }

    /** The symmetric log-likelihood is the documented sum, computed here directly. */
    @Test
    void symmetricLogLikelihoodMatchesFormula() {
        Dataset data = ragged(30, 6);
        CpuBackend cpu = new CpuBackend(1);
        NodeStats st = cpu.nodeStats(data);
        double[] theta = {0.3, -0.2, 0.7};
        double s2 = 0.9;
        double expected = 0;
        for (int j = 0; j < st.nodes(); j++) {
            double a = 0;
            double quad = 0;
            for (int r = 0; r < 3; r++) {
                a += st.xty()[j * 3 + r] * theta[r] / s2;
                for (int c = 0; c < 3; c++) quad += theta[r] * st.gram()[j * 9 + r * 3 + c] * theta[c];
            }
            expected += Math.log(Math.cosh(a)) - quad / (2 * s2);
        }
        try (UnitOps u = cpu.nodeUnits(st)) {
            assertEquals(expected, u.symmetricWeights(theta, s2, new double[st.nodes()]), 1e-10);
        }
    }

    /**
     * tanh and log cosh from one exponential agree with Math.tanh and the log1p form to a few ulps
     * (log cosh to an absolute 4e-16) on both sides of the 1/4 and the saturation branch points.
     */
    @Test
    void tanhAndLogCoshAgreeWithTheirDefinitions() {
        double[] w = new double[1];
        for (double a = -40; a <= 40; a += 0.0137) {
            for (double t : new double[] {a, a * 1e-6, 0.25 * (1 + 1e-12), 19.0 - 1e-13, 19.0}) {
                double lc = StableMath.tanhAndLogCosh(t, w, 0);
                assertEquals(Math.tanh(t), w[0], 4 * Math.ulp(Math.tanh(t)) + 1e-300, "tanh " + t);
                assertEquals(StableMath.logCosh(t), lc, 4e-16 + 2 * Math.ulp(lc), "log cosh " + t);
            }
        }
        assertEquals(1e6 - Math.log(2), StableMath.tanhAndLogCosh(-1e6, w, 0), 1e-9);
        assertEquals(-1.0, w[0]);
    }

    @Test
    void stableMathHandlesExtremes() {
        assertEquals(Math.log(Math.cosh(3.0)), StableMath.logCosh(3.0), 1e-15);
        assertEquals(1e6 - Math.log(2), StableMath.logCosh(-1e6), 1e-9);
        double[] l = {-1e300, -2e300, Double.NEGATIVE_INFINITY};
        double[] g = new double[3];
        double lse = StableMath.softmax(l, 0, 3, g);
        assertArrayEquals(new double[] {1, 0, 0}, g);
        assertEquals(-1e300, lse);
        double[] none = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] g2 = new double[2];
        assertEquals(Double.NEGATIVE_INFINITY, StableMath.softmax(none, 0, 2, g2));
        assertArrayEquals(new double[] {0.5, 0.5}, g2);
    }

    /**
     * Weights below {@link CpuUnitOps#NEGLIGIBLE_WEIGHT} are left out of G, s and q (of nodes that
     * keep G_j, nodes that keep rows, and samples): every third node's rows are scaled by 1e13 and
     * weighted 1e-30, which would add about 1e-4 to the sums; they equal the sums with those
     * weights set to zero.
     */
    @Test
    void negligibleWeightsAreLeftOutOfTheSums() {
        Dataset base = ragged(60, 4); // sizes 1..9 at d = 3: nodes below 3 rows keep their rows
        double[] x = base.x().clone();
        double[] y = base.y().clone();
        boolean[] huge = new boolean[base.rows()];
        for (int j = 0; j < base.nodes(); j += 3) {
            for (int r = base.nodeOffset(j); r < base.nodeOffset(j + 1); r++) {
                huge[r] = true;
                y[r] *= 1e13;
                for (int i = 0; i < 3; i++) x[r * 3 + i] *= 1e13;
            }
        }
        int[] off = new int[base.nodes() + 1];
        for (int j = 0; j <= base.nodes(); j++) off[j] = base.nodeOffset(j);
        Dataset data = new Dataset(3, off, x, y, null, null);
        CpuBackend cpu = new CpuBackend(2);
        for (boolean nodes : new boolean[] {true, false}) {
            try (UnitOps units = nodes ? cpu.nodeUnits(cpu.nodeStats(data)) : cpu.sampleUnits(data)) {
                int u = units.units();
                double[] gamma = new double[u * 2];
                double[] zeroed = new double[u * 2];
                for (int i = 0; i < u; i++) {
                    boolean negligible = nodes ? i % 3 == 0 : huge[i];
                    gamma[2 * i] = negligible ? 1e-30 : 0.25 + 0.5 * ((i * 7) % 10) / 10.0;
                    gamma[2 * i + 1] = 1 - gamma[2 * i];
                    zeroed[2 * i] = negligible ? 0 : gamma[2 * i];
                    zeroed[2 * i + 1] = gamma[2 * i + 1];
                }
                ComponentSums got = new ComponentSums(2, 3);
                ComponentSums want = new ComponentSums(2, 3);
                units.componentSums(gamma, 2, got);
                units.componentSums(zeroed, 2, want);
                for (int i = 0; i < 9; i++) assertEquals(want.gram[i], got.gram[i], 1e-9, (nodes ? "nodes" : "samples") + " G");
                for (int i = 0; i < 3; i++) assertEquals(want.xty[i], got.xty[i], 1e-9, "s");
                assertEquals(want.yty[0], got.yty[0], 1e-9, "q");
                assertEquals(want.count[0], got.count[0], 1e-9, "n");
            }
        }
    }
}
