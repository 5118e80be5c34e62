package io.github.cmlr.em.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        ObjectMapper om = new ObjectMapper();
        JsonNode sel = SelectionReport.selection(om, out.selection());
        assertEquals(3, sel.get("table").size());
        assertTrue(sel.get("table").get(1).get("chosen").asBoolean());
        assertFalse(sel.get("table").get(0).get("chosen").asBoolean());
        JsonNode se = SelectionReport.standardErrors(om, out.errors(), NAMES);
        assertTrue(se.get("available").asBoolean());
        JsonNode c1 = se.get("components").get(0);
        for (String n : NAMES) assertTrue(c1.get("coefficients").get(n).asDouble() > 0, n);
        assertFalse(se.toString().contains("NaN"));
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

    @Test
    void optionConflictsAreNamed() {
        MixtureOptions o = MixtureOptions.defaults().withFixedWeights(new double[] {0.5, 0.5}).withFixedLabels(new int[] {2, -1, 0});
        List<String> p = GroupedFit.problems(request(new KRange(2, 4), GroupedFit.ErrorMethod.BOOTSTRAP, o), 3);
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("--fixed-weights"));
        assertTrue(p.get(1).startsWith("--labels-col names component 3"));
        assertTrue(p.get(2).contains("more components than the 3 nodes"));
        assertTrue(GroupedFit.problems(request(new KRange(2, 2), GroupedFit.ErrorMethod.NONE,
                MixtureOptions.defaults().withFixedWeights(new double[] {0.5, 0.5})), 10).isEmpty());
    }
}
