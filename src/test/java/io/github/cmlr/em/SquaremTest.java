package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.flexmix.FlexmixFixture;
import io.github.cmlr.flexmix.GroupedSample;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import org.junit.jupiter.api.Test;

/**
 * {@link Squarem} inside {@link MixtureEm}: on a slowly converging fit (three components, two of
 * them close, nodes of few rows) the extrapolated run reaches plain EM's maximum in fewer
 * iterations, its log-likelihood never falls, and options held fixed stay bitwise fixed.
 */
class SquaremTest {
    /** Lines (0, 1), (0.4, 1.3), (-1, -1), sigma 1: the first two overlap, so EM crawls. */
    static final MixtureParams CLOSE = new MixtureParams(2, new double[] {0, 1, 0.4, 1.3, -1, -1},
            new double[] {1, 1, 1}, new double[] {0.4, 0.3, 0.3});
    static final MixtureParams START = new MixtureParams(2, new double[] {0.5, 0.5, -0.2, 1.8, -0.5, -1.5},
            new double[] {2, 2, 2}, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0});

    @Test
    void reachesPlainEmMaximumInFewerIterations() {
        Dataset data = GroupedSample.generate(CLOSE, 400, 2, 6, true, 21L);
        NodeStats stats = FlexmixFixture.stats(data);
        StoppingRule rule = new StoppingRule(5000, 1e-10, 1e-13, Double.NaN);
        try (CpuBackend cpu = new CpuBackend(1); UnitOps units = cpu.nodeUnits(stats)) {
            FitResult plain = MixtureEm.run(units, START, MixtureOptions.defaults(), rule, null);
            FitResult fast = MixtureEm.run(units, START, MixtureOptions.defaults().withAcceleration(true), rule, null);
            assertEquals(3, fast.params().components());
            assertEquals(plain.logLik(), fast.logLik(), 1e-9 * Math.abs(plain.logLik()));
            assertTrue(plain.iterations() > 100, "a slow case: plain EM took " + plain.iterations());
            assertTrue(fast.iterations() < plain.iterations() / 2,
                    "accelerated " + fast.iterations() + " vs plain " + plain.iterations() + " iterations");
            for (int i = 1; i < fast.trace().size(); i++) {
                double prev = fast.trace().get(i - 1).logLik();
                assertTrue(fast.trace().get(i).logLik() >= prev - 1e-12 * Math.abs(prev), "fell at " + i);
            }
        }
    }

    @Test
    void knownVariancesAndFixedWeightsStayFixed() {
        Dataset data = GroupedSample.generate(CLOSE, 400, 2, 6, true, 22L);
        NodeStats stats = FlexmixFixture.stats(data);
        double[] s2 = {1, 1, 1};
        double[] w = {0.4, 0.3, 0.3};
        MixtureOptions o = MixtureOptions.defaults().withKnownSigma2(s2).withFixedWeights(w).withAcceleration(true);
        MixtureParams start = new MixtureParams(2, START.betaFlat(), s2, w);
        try (CpuBackend cpu = new CpuBackend(1); UnitOps units = cpu.nodeUnits(stats)) {
            FitResult fast = MixtureEm.run(units, start, o, StoppingRule.defaults(), null);
            assertArrayEquals(s2, fast.params().sigma2(), 0.0);
            assertArrayEquals(w, fast.params().weights(), 0.0);
            FitResult plain = MixtureEm.run(units, start, o.withAcceleration(false), StoppingRule.defaults(), null);
            assertEquals(plain.logLik(), fast.logLik(), 1e-9 * Math.abs(plain.logLik()));
        }
    }
}
