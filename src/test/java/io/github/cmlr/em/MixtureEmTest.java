package io.github.cmlr.em;

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

    static void assertMonotone(List<IterationRecord> trace) {
        for (int t = 1; t < trace.size(); t++) {
            double prev = trace.get(t - 1).logLik();
            double cur = trace.get(t).logLik();
            assertTrue(cur >= prev - 1e-10 * Math.abs(prev), "log-likelihood fell at iteration " + t + ": " + prev
                    + " -> " + cur);
            assertTrue(Double.isFinite(cur));
        }
    }
}
