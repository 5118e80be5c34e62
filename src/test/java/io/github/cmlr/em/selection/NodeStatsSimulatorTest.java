package io.github.cmlr.em.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The statistics drawn without rows have the distribution of statistics of rows drawn in full:
 * over many draws (fixed seeds) the moments of s_j, q_j and the residual sum of squares
 * q_j - s_j' G_j^+ s_j from both routes agree with each other and with their exact values, on a
 * full-rank node, a node with fewer rows than coefficients, a node with collinear columns and a
 * large node (chi^2 by gamma variates).
 */
class NodeStatsSimulatorTest {
    private static final int D = 3;
    private static final int DRAWS = 20000;
    private static final double[] BETA = {1.5, -2.0, 0.7};
    private static final double SIGMA = 0.8;

    /** Four node designs: 6 rows; 2 rows (rank 2 < d); 5 rows with x3 = x1 + x2 (rank 2); 120 rows. */
    private static double[][][] designs() {
        SplittableRandom rng = new SplittableRandom(11);
        double[][] collinear = random(5, rng);
        for (double[] row : collinear) row[2] = row[0] + row[1];
        return new double[][][] {random(6, rng), random(2, rng), collinear, random(120, rng)};
    }

    private static double[][] random(int n, SplittableRandom rng) {
        double[][] x = new double[n][D];
        for (double[] row : x) {
            row[0] = 1;
            for (int i = 1; i < D; i++) row[i] = 2 * rng.nextDouble() - 1 + i;
        }
        return x;
    }

    private static NodeStats designStats(double[][][] xs) {
        int m = xs.length;
        double[] n = new double[m];
        double[] g = new double[m * D * D];
        for (int j = 0; j < m; j++) {
            n[j] = xs[j].length;
            for (double[] row : xs[j]) {
                for (int a = 0; a < D; a++) for (int b = 0; b < D; b++) g[j * D * D + a * D + b] += row[a] * row[b];
            }
        }
        return new NodeStats(D, n, g, new double[m * D], new double[m], null);
    }

    @Test
    void ranksFollowTheDesigns() {
        NodeStatsSimulator sim = new NodeStatsSimulator(designStats(designs()));
        assertEquals(3, sim.rank(0));
        assertEquals(2, sim.rank(1));
        assertEquals(2, sim.rank(2));
        assertEquals(3, sim.rank(3));
    }

    @Test
    void statisticsMatchRowsDrawnInFull() {
        double[][][] xs = designs();
        NodeStats stats = designStats(xs);
        NodeStatsSimulator sim = new NodeStatsSimulator(stats);
        SplittableRandom a = new SplittableRandom(5);
        SplittableRandom b = new SplittableRandom(6);
        for (int j = 0; j < xs.length; j++) {
            Moments fromStats = new Moments(stats, j);
            Moments fromRows = new Moments(stats, j);
            double[] s = new double[D];
            for (int t = 0; t < DRAWS; t++) {
                double q = sim.drawNode(j, BETA, SIGMA, a, s);
                fromStats.add(s, q);
                q = rows(xs[j], b, s);
                fromRows.add(s, q);
            }
            fromStats.assertExact(j, sim.rank(j), "statistics");
            fromRows.assertExact(j, sim.rank(j), "rows");
            fromStats.assertAgrees(fromRows, j);
        }
    }

    @Test
    void sameSeedSameDataset() {
        NodeStats stats = designStats(designs());
        MixtureParams p = new MixtureParams(D, new double[] {1, 2, 3, -1, -2, -3}, new double[] {1, 0.5}, new double[] {0.3, 0.7});
        NodeStatsSimulator sim = new NodeStatsSimulator(stats);
        NodeStats x = sim.draw(p, null, new SplittableRandom(9));
        NodeStats y = sim.draw(p, null, new SplittableRandom(9));
        assertArrayEquals(x.xty(), y.xty());
        assertArrayEquals(x.yty(), y.yty());
        assertArrayEquals(stats.gram(), x.gram());
    }

    /** A node labelled with component 2 always draws from it: its s_j centres on G_j beta_2. */
    @Test
    void labelledNodesDrawTheirComponent() {
        NodeStats stats = designStats(designs());
        MixtureParams p = new MixtureParams(D, new double[] {10, 10, 10, -10, -10, -10}, new double[] {0.01, 0.01},
                new double[] {0.99, 0.01});
        NodeStatsSimulator sim = new NodeStatsSimulator(stats);
        int[] labels = {1, 1, 1, 1};
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < 50; t++) {
            NodeStats x = sim.draw(p, labels, rng);
            assertTrue(x.xty()[0] < 0 && x.xty()[3 * D] < 0, "s_j of a node labelled 2 must follow beta_2");
        }
    }

    /** One draw of y = X beta + sigma e; writes X'y into s, returns y'y. */
    private static double rows(double[][] x, SplittableRandom rng, double[] s) {
        java.util.Arrays.fill(s, 0);
        double q = 0;
        for (double[] row : x) {
            double y = SIGMA * NodeStatsSimulator.normal(rng);
            for (int i = 0; i < D; i++) y += row[i] * BETA[i];
            for (int i = 0; i < D; i++) s[i] += row[i] * y;
            q += y * y;
        }
        return q;
    }

    /** Running sums of s, q, s s', s q, q^2 and the residual sum of squares over draws for one node. */
    private static final class Moments {
        final double n;
        final double[] g = new double[D * D];
        final double[] gPlus;
        final double[] gBeta = new double[D];
        final double bgb;
        final double[] s = new double[D];
        final double[] ss = new double[D * D];
        final double[] sq = new double[D];
        double q;
        double qq;
        double rss;
        double rss2;
        int count;

        Moments(NodeStats stats, int j) {
            n = stats.counts()[j];
            System.arraycopy(stats.gram(), j * D * D, g, 0, D * D);
            gPlus = pseudoInverse(g);
            double b = 0;
            for (int a = 0; a < D; a++) {
                for (int c = 0; c < D; c++) gBeta[a] += g[a * D + c] * BETA[c];
                b += BETA[a] * gBeta[a];
            }
            bgb = b;
        }

        void add(double[] sj, double qj) {
            count++;
            for (int a = 0; a < D; a++) {
                s[a] += sj[a];
                sq[a] += sj[a] * qj;
                for (int c = 0; c < D; c++) ss[a * D + c] += sj[a] * sj[c];
            }
            q += qj;
            qq += qj * qj;
            double fit = 0;
            for (int a = 0; a < D; a++) for (int c = 0; c < D; c++) fit += sj[a] * gPlus[a * D + c] * sj[c];
            double r = (qj - fit) / (SIGMA * SIGMA);
            rss += r;
            rss2 += r * r;
        }

        double meanQ() { return q / count; }
        double varQ() { return qq / count - meanQ() * meanQ(); }
        double meanS(int a) { return s[a] / count; }
        double covS(int a, int c) { return ss[a * D + c] / count - meanS(a) * meanS(c); }
        double covSQ(int a) { return sq[a] / count - meanS(a) * meanQ(); }
        double meanRss() { return rss / count; }
        double varRss() { return rss2 / count - meanRss() * meanRss(); }

        /**
         * Exact moments: E s = G beta, Cov s = sigma^2 G, E q = beta'G beta + n sigma^2,
         * Var q = 4 sigma^2 beta'G beta + 2 n sigma^4, Cov(s, q) = 2 sigma^2 G beta, and
         * RSS / sigma^2 ~ chi^2(n - rank). Bounds: 5 standard errors of each estimate (6 for
         * second moments, whose standard errors are approximate).
         */
        void assertExact(int j, int rank, String route) {
            double s2 = SIGMA * SIGMA;
            double varQ = 4 * s2 * bgb + 2 * n * s2 * s2;
            String at = route + ", node " + j + ": ";
            within(at + "E q", meanQ(), bgb + n * s2, 5 * Math.sqrt(varQ / count));
            within(at + "Var q", varQ(), varQ, 6 * varQ * Math.sqrt(8.0 / count) + 1e-9);
            for (int a = 0; a < D; a++) {
                double va = s2 * g[a * D + a];
                within(at + "E s" + a, meanS(a), gBeta[a], 5 * Math.sqrt(va / count) + 1e-12);
                within(at + "Cov(s" + a + ", q)", covSQ(a), 2 * s2 * gBeta[a], 6 * Math.sqrt(va * varQ / count) + 1e-9);
                for (int c = 0; c < D; c++) {
                    double sd = Math.sqrt((va * s2 * g[c * D + c] + s2 * g[a * D + c] * s2 * g[a * D + c]) / count);
                    within(at + "Cov(s" + a + ", s" + c + ")", covS(a, c), s2 * g[a * D + c], 6 * sd + 1e-9);
                }
            }
            double df = n - rank;
            within(at + "E rss", meanRss(), df, 5 * Math.sqrt(2 * df / count) + 1e-6);
            within(at + "Var rss", varRss(), 2 * df, 6 * 2 * df * Math.sqrt(8.0 / count) * Math.sqrt(1 + 6 / Math.max(df, 1)) + 1e-6);
        }

        /** The two routes' means agree within 5 standard errors of a difference of means. */
        void assertAgrees(Moments o, int j) {
            within("node " + j + ": E q, statistics vs rows", meanQ(), o.meanQ(), 5 * Math.sqrt((varQ() + o.varQ()) / count));
            for (int a = 0; a < D; a++) {
                within("node " + j + ": E s" + a + ", statistics vs rows", meanS(a), o.meanS(a),
                        5 * Math.sqrt((covS(a, a) + o.covS(a, a)) / count) + 1e-12);
            }
        }

        private static void within(String what, double got, double want, double bound) {
            assertTrue(Math.abs(got - want) <= bound, what + ": got " + got + ", want " + want + " +- " + bound);
        }

        /** Moore-Penrose inverse of a symmetric PSD matrix by its eigen-decomposition. */
        private static double[] pseudoInverse(double[] g) {
            var e = io.github.cmlr.linalg.SymmetricEigen.decompose(g, D);
            double[] out = new double[D * D];
            for (int c = 0; c < D; c++) {
                double l = e.values()[c];
                if (l <= 1e-10 * e.values()[0]) continue;
                for (int a = 0; a < D; a++) {
                    for (int b = 0; b < D; b++) out[a * D + b] += e.vectors()[a * D + c] * e.vectors()[b * D + c] / l;
                }
            }
            return out;
        }
    }
}
