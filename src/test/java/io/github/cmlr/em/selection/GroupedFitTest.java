package io.github.cmlr.em.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.flexmix.FlexmixFixture;
import io.github.cmlr.model.NodeStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupedFitTest {
    private static final List<String> NAMES = List.of("(intercept)", "x1", "x2");

    private static GroupedFit.Request request(KRange k, GroupedFit.ErrorMethod m, MixtureOptions o) {
        return new GroupedFit.Request(k, 4, 3L, o, StoppingRule.defaults(), Criterion.BIC, m, 50, 1);
    }

    @Test
    void selectsKAndReportsAnalyticErrorsWithoutNaN() {
        FlexmixFixture f = FlexmixFixture.load("k2_separate_intercept");
        NodeStats stats = f.stats();
        GroupedFit.Outcome out;
        try (CpuBackend cpu = new CpuBackend(1)) {
            out = GroupedFit.run(cpu, stats, request(new KRange(1, 3), GroupedFit.ErrorMethod.ANALYTIC, MixtureOptions.defaults()));
        }
        assertEquals(2, out.selection().chosenK());
        assertEquals(3, out.selection().fits().size());
        assertEquals(2, out.selection().chosen().k());
        assertTrue(out.errors().available());
        double[] beta = out.errors().beta();
        for (int i = 0; i < NAMES.size(); i++) assertTrue(beta[i] > 0 && Double.isFinite(beta[i]), NAMES.get(i));
        for (double v : beta) assertFalse(Double.isNaN(v));
    }

    /**
     * 50 bootstrap replicates over nodes: seeded (the same request gives the same errors) and each
     * coefficient's error within [0.6, 1.6] of the analytic one (the SD of an SD estimated from 50
     * replicates is ~10%; NodeBootstrap's own test checks 200 replicates more tightly).
     */
    @Test
    void bootstrapMethodIsSeededAndAgreesWithAnalyticErrors() {
        FlexmixFixture f = FlexmixFixture.load("k2_separate_intercept");
        GroupedFit.Outcome boot;
        GroupedFit.Outcome again;
        GroupedFit.Outcome analytic;
        try (CpuBackend cpu = new CpuBackend(1)) {
            boot = GroupedFit.run(cpu, f.stats(), request(new KRange(2, 2), GroupedFit.ErrorMethod.BOOTSTRAP, MixtureOptions.defaults()));
            again = GroupedFit.run(cpu, f.stats(), request(new KRange(2, 2), GroupedFit.ErrorMethod.BOOTSTRAP, MixtureOptions.defaults()));
            analytic = GroupedFit.run(cpu, f.stats(), request(new KRange(2, 2), GroupedFit.ErrorMethod.ANALYTIC, MixtureOptions.defaults()));
        }
        assertEquals("bootstrap", boot.errors().method());
        assertTrue(java.util.Arrays.equals(boot.errors().beta(), again.errors().beta()), "seeded");
        double[] a = analytic.errors().beta();
        double[] b = boot.errors().beta();
        assertEquals(6, b.length);
        for (int i = 0; i < b.length; i++) {
            double ratio = b[i] / a[i];
            assertTrue(ratio > 0.6 && ratio < 1.6, "coefficient " + i + ": bootstrap/analytic = " + ratio);
        }
    }
}
