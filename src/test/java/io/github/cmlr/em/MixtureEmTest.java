package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixtureEmTest {
    /** Three well-separated components with an intercept, unequal node sizes and variances. */
    static final double[] BETAS3 = {1, 3, 0, -1, -2, -3, 2, 0, 0, 0, -3, 3};
    static final double[] SIGMAS3 = {0.5, 1.0, 0.8};

    @Test
    void multiStartRecoversThreeComponentsUpToPermutation() {
        Dataset data = MixtureData.generate(BETAS3, SIGMAS3, MixtureData.sizes(90, 15, 40, 5), true, 11);
        try (CpuBackend cpu = new CpuBackend(2)) {
            NodeStats stats = cpu.nodeStats(data);
            MultiStart.Result r;
            try (UnitOps nodes = cpu.nodeUnits(stats)) {
                r = MultiStart.fit(nodes, stats, 3, 6, 42, MixtureOptions.defaults(), StoppingRule.defaults());
            }
            MixtureParams p = r.best().params();
            assertEquals(3, p.components());
            int[] perm = Errors.bestPermutation(p.betaFlat(), BETAS3, 4);
            for (int t = 0; t < 3; t++) {
                for (int i = 0; i < 4; i++) assertEquals(BETAS3[t * 4 + i], p.beta(perm[t], i), 0.1, "component " + t);
                assertEquals(SIGMAS3[t] * SIGMAS3[t], p.sigma2(perm[t]), 0.25 * SIGMAS3[t] * SIGMAS3[t]);
                assertEquals(1.0 / 3, p.weight(perm[t]), 1e-9); // labels j % 3 and perfect separation
            }
            assertTrue(r.startsAtBest() >= 2, "only " + r.startsAtBest() + " starts agree");
            assertTrue(r.best().warnings().isEmpty(), r.best().warnings().toString());
        }
    }

    @Test
    void logLikelihoodNeverDecreasesGroupedAndUngrouped() {
        double[] betas = {1, 1, -1, 0.5, -0.5, 1};
        Dataset data = MixtureData.generate(betas, new double[] {1, 1}, MixtureData.sizes(40, 5, 15, 2), false, 3);
        MixtureParams start = new MixtureParams(3, new double[] {0.2, 0.1, 0, 0, 0.1, 0.3},
                new double[] {2, 3}, new double[] {0.6, 0.4});
        try (CpuBackend cpu = new CpuBackend(2)) {
            NodeStats stats = cpu.nodeStats(data);
            try (UnitOps nodes = cpu.nodeUnits(stats); UnitOps samples = cpu.sampleUnits(data)) {
                for (UnitOps u : List.of(nodes, samples)) {
                    for (boolean shared : new boolean[] {false, true}) {
                        FitResult f = MixtureEm.run(u, start, MixtureOptions.defaults().withSharedVariance(shared),
                                StoppingRule.iterations(60), null);
                        assertMonotone(f.trace());
                    }
                }
            }
        }
    }

    @Test
    void fitsAreBitwiseIdenticalWithOneAndTwoThreads() {
        Dataset data = MixtureData.generate(BETAS3, SIGMAS3, MixtureData.sizes(600, 8, 12, 9), true, 13);
        FitResult[] fits = new FitResult[4];
        MultiStart.Result[] multi = new MultiStart.Result[2];
        MixtureParams start = new MixtureParams(4, new double[] {0, 2, 0, 0, 0, -2, -2, 0, 0, 0, -2, 2},
                new double[] {1, 1, 1}, new double[] {0.3, 0.3, 0.4});
        for (int t = 1; t <= 2; t++) {
            try (CpuBackend cpu = new CpuBackend(t)) {
                NodeStats stats = cpu.nodeStats(data);
                try (UnitOps nodes = cpu.nodeUnits(stats); UnitOps samples = cpu.sampleUnits(data)) {
                    fits[2 * (t - 1)] = MixtureEm.run(nodes, start, MixtureOptions.defaults(), StoppingRule.iterations(10), BETAS3);
                    fits[2 * (t - 1) + 1] = MixtureEm.run(samples, start, MixtureOptions.defaults(), StoppingRule.iterations(5), BETAS3);
                    multi[t - 1] = MultiStart.fit(nodes, stats, 3, 3, 7, MixtureOptions.defaults(), StoppingRule.iterations(10));
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(fits[k].params().betaFlat(), fits[k + 2].params().betaFlat());
            assertArrayEquals(fits[k].params().sigma2(), fits[k + 2].params().sigma2());
            assertArrayEquals(fits[k].posteriors(), fits[k + 2].posteriors());
            assertEquals(fits[k].trace(), fits[k + 2].trace());
        }
        assertArrayEquals(multi[0].allLogLiks(), multi[1].allLogLiks());
        assertTrue(fits[0].finalError() < 0.1, "grouped error " + fits[0].finalError());
    }

    /** Semi-supervised: labelled nodes keep one-hot posteriors; the log-likelihood uses their component. */
    @Test
    void fixedLabelsPinPosteriorsAndLogLikelihood() {
        double[] betas = {1, 1, -1, 0.5};
        Dataset data = MixtureData.generate(betas, new double[] {1, 1}, MixtureData.sizes(30, 6), false, 21);
        int[] labels = new int[30];
        java.util.Arrays.fill(labels, -1);
        labels[0] = 1; // deliberately the wrong component for node 0 (true label 0)
        labels[1] = 1;
        MixtureParams start = new MixtureParams(2, betas, new double[] {1, 1}, new double[] {0.5, 0.5});
        try (CpuBackend cpu = new CpuBackend(2); UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(data))) {
            MixtureOptions o = MixtureOptions.defaults().withFixedLabels(labels);
            FitResult f = MixtureEm.run(nodes, start, o, StoppingRule.iterations(0), null);
            assertArrayEquals(new double[] {0, 1, 0, 1}, java.util.Arrays.copyOf(f.posteriors(), 4));
            double[] l = new double[60];
            double[] g = new double[60];
            double free = nodes.posteriors(start, g, l);
            double expected = free - MixtureEm.logSumExp(l, 0, 2) + l[1] - MixtureEm.logSumExp(l, 2, 2) + l[3];
            assertEquals(expected, f.logLik(), 1e-9 * Math.abs(expected));
            FitResult fit = MixtureEm.run(nodes, start, o, StoppingRule.iterations(30), null);
            assertMonotone(fit.trace());
            assertEquals(1.0, fit.posteriors()[1]);
        }
    }

    @Test
    void knownVariancesAndFixedWeightsStayFixed() {
        Dataset data = MixtureData.generate(new double[] {1, 1, -1, 0.5}, new double[] {1, 1},
                MixtureData.sizes(30, 6), false, 22);
        MixtureParams start = new MixtureParams(2, new double[] {0.5, 0.5, -0.5, 0}, new double[] {2, 2},
                new double[] {0.5, 0.5});
        try (CpuBackend cpu = new CpuBackend(2); UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(data))) {
            MixtureOptions o = MixtureOptions.defaults().withKnownSigma2(new double[] {1, 1})
                    .withFixedWeights(new double[] {0.5, 0.5});
            FitResult f = MixtureEm.run(nodes, start, o, StoppingRule.iterations(20), null);
            assertArrayEquals(new double[] {1, 1}, f.params().sigma2());
            assertArrayEquals(new double[] {0.5, 0.5}, f.params().weights());
            double[] unit = MixtureEm.unitLogLiks(nodes, f.params());
            double sum = 0;
            for (double v : unit) sum += v;
            assertEquals(f.logLik(), sum, 1e-9 * Math.abs(sum));
        }
    }

    /** K = 1 is ordinary least squares: beta = A^{-1} X^T y, sigma^2 = RSS / N, in one step. */
    @Test
    void oneComponentIsOrdinaryLeastSquares() {
        Dataset data = MixtureData.generate(new double[] {0.5, -1, 2}, new double[] {0.7}, MixtureData.sizes(25, 3, 9, 1),
                true, 8);
        try (CpuBackend cpu = new CpuBackend(2)) {
            NodeStats stats = cpu.nodeStats(data);
            double[] xty = new double[3];
            double yy = 0;
            for (int j = 0; j < stats.nodes(); j++) {
                for (int i = 0; i < 3; i++) xty[i] += stats.xty()[j * 3 + i];
                yy += stats.yty()[j];
            }
            double[] ols = io.github.cmlr.linalg.Cholesky.factor(stats.totalGram(), 3).solve(xty);
            double rss = yy - 2 * io.github.cmlr.linalg.Dense.dot(ols, xty)
                    + io.github.cmlr.linalg.Dense.quadForm(stats.totalGram(), 0, ols, 0, 3);
            MixtureParams start = new MixtureParams(3, new double[] {0, 0, 0}, new double[] {1}, new double[] {1});
            for (UnitOps u : List.of(cpu.nodeUnits(stats), cpu.sampleUnits(data))) {
                FitResult f = MixtureEm.run(u, start, MixtureOptions.defaults(), StoppingRule.iterations(1), null);
                assertArrayEquals(ols, f.params().beta(0), 1e-10);
                assertEquals(rss / data.rows(), f.params().sigma2(0), 1e-10);
                assertEquals(1.0, f.params().weight(0));
            }
        }
    }

    static void assertMonotone(List<IterationRecord> trace) {
        for (int t = 1; t < trace.size(); t++) {
            double prev = trace.get(t - 1).logLik();
            double cur = trace.get(t).logLik();
            assertTrue(cur >= prev - 1e-10 * Math.abs(prev), "log-likelihood fell at iteration " + t + ": " + prev
                    + " -> " + cur);
            assertTrue(Double.isFinite(cur));
        }
    }

    @Test
    void rankMatchPairsWeightsByRank() {
        assertArrayEquals(new int[] {2, 0, 1},
                MultiStart.rankMatch(new double[] {0.5, 0.3, 0.2}, new double[] {0.1, 0.6, 0.3}));
    }

    @Test
    void permutedReordersEveryComponentField() {
        MixtureParams p = new MixtureParams(1, new double[] {1, 2, 3}, new double[] {0.1, 0.2, 0.3}, new double[] {0.5, 0.3, 0.2});
        MixtureParams q = p.permuted(new int[] {2, 0, 1});
        assertArrayEquals(new double[] {3, 1, 2}, q.betaFlat());
        assertArrayEquals(new double[] {0.3, 0.1, 0.2}, q.sigma2());
        assertArrayEquals(new double[] {0.2, 0.5, 0.3}, q.weights());
    }
}
