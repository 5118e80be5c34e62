package io.github.cmlr.em.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.flexmix.FlexmixFixture;
import io.github.cmlr.model.NodeStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On data simulated from two well-separated components (80 nodes, 1114 rows) the bootstrap LRT
 * rejects 1 against 2 with the smallest p its replicates allow, does not reject 2 against 3, and
 * stops there (3 against 4 is not tested), choosing K = 2; the same seed gives the same numbers
 * with 1 and 2 threads.
 */
class BootstrapLrtTest {
    private static final int REPLICATES = 39;
    private static NodeStats stats;
    private static ModelSelection.Result selection;

    @BeforeAll
    static void fitRange() {
        stats = FlexmixFixture.load("k2_separate_intercept").stats();
        try (CpuBackend cpu = new CpuBackend(1); var units = cpu.nodeUnits(stats)) {
            selection = ModelSelection.run(units, stats, new KRange(1, 4), 4, 3L, MixtureOptions.defaults(),
                    StoppingRule.defaults(), Criterion.BIC);
        }
    }

    private static BootstrapLrt.Result test(int threads) {
        try (CpuBackend cpu = new CpuBackend(threads)) {
            return BootstrapLrt.run(cpu, stats, selection, MixtureOptions.defaults(), StoppingRule.defaults(), REPLICATES, 7L);
        }
    }

    @Test
    void rejectsOneComponentKeepsTwoAndStops() {
        BootstrapLrt.Result r = test(1);
        assertEquals(2, r.pairs().size(), "stops at the first test that does not reject");
        BootstrapLrt.Pair one = r.pairs().get(0);
        BootstrapLrt.Pair two = r.pairs().get(1);
        assertEquals(1, one.k());
        assertEquals(2, one.kPlus1());
        assertEquals(REPLICATES, one.replicatesUsed() + one.replicatesFailed());
        assertEquals(1.0 / (one.replicatesUsed() + 1), one.pValue(), 1e-15, "no replicate from K = 1 reaches the observed statistic");
        assertTrue(one.statistic() > 10 * one.criticalValue(), "observed " + one.statistic() + " vs critical " + one.criticalValue());
        assertTrue(one.rejects());
        assertEquals(2, two.k());
        assertTrue(two.pValue() > BootstrapLrt.LEVEL, "2 vs 3: p = " + two.pValue());
        assertTrue(two.replicatesUsed() >= REPLICATES - 2, "replicates used " + two.replicatesUsed());
        assertTrue(two.statistic() >= -1e-6 && two.statistic() < two.criticalValue(), "2 vs 3 statistic " + two.statistic());
        assertEquals(2, r.chosenK());
        assertEquals(REPLICATES, r.replicates());
        assertEquals(7L, r.seed());
    }

    @Test
    void sameSeedSameNumbersWhateverTheThreads() {
        BootstrapLrt.Result a = test(1);
        BootstrapLrt.Result b = test(2);
        assertEquals(a.pairs(), b.pairs());
    }

    @Test
    void quantileIsTheInverseEmpiricalDistribution() {
        double[] v = {5, 1, 4, 2, 3, 9, 9};
        assertEquals(3, BootstrapLrt.quantile(v, 5, 0.6), 0);
        assertEquals(5, BootstrapLrt.quantile(v, 5, 0.95), 0);
        assertEquals(1, BootstrapLrt.quantile(v, 5, 0.01), 0);
        assertTrue(Double.isNaN(BootstrapLrt.quantile(v, 0, 0.5)));
    }
}
