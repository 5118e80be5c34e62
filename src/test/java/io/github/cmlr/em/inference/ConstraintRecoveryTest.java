package io.github.cmlr.em.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.DegeneracyPolicy;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.MixtureEm;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.StopReason;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.flexmix.FlexmixFixture;
import io.github.cmlr.flexmix.GroupedSample;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Recovery under each constraint, and the standard errors that go with it. */
class ConstraintRecoveryTest {
    static final MixtureParams TRUTH = new MixtureParams(3,
            new double[] {1, 2, -1, -1, -0.5, 1.5}, new double[] {0.25, 1.0}, new double[] {0.3, 0.7});

    private static MultiStart.Result fit(NodeStats stats, MixtureOptions options) {
        try (CpuBackend cpu = new CpuBackend(2); UnitOps units = cpu.nodeUnits(stats)) {
            return MultiStart.fit(units, stats, 2, 5, 9L, options, StoppingRule.defaults());
        }
    }

    @Test
    void fixedWeightsStayFixedAndCarryNoError() {
        NodeStats stats = FlexmixFixture.stats(GroupedSample.generate(TRUTH, 120, 3, 15, true, 21L));
        double[] w = {0.3, 0.7};
        // Fixed weights name the components, so the start must be in the same order: EM from a
        // perturbed start in the truth's order (MultiStart's partitions are not ordered by size).
        MixtureParams start = new MixtureParams(3, new double[] {0.5, 1.5, -0.5, -0.5, 0, 1}, new double[] {1, 1}, w);
        MixtureParams p;
        try (CpuBackend cpu = new CpuBackend(1); UnitOps units = cpu.nodeUnits(stats)) {
            p = MixtureEm.run(units, start, MixtureOptions.defaults().withFixedWeights(w), StoppingRule.defaults(), null).params();
        }
        assertEquals(0.3, p.weight(0), 1e-12);
        assertEquals(0.7, p.weight(1), 1e-12);
        for (int i = 0; i < 6; i++) assertEquals(TRUTH.betaFlat()[i], p.betaFlat()[i], 0.1, "beta " + i);
        ParameterLayout layout = new ParameterLayout(2, 3, false, false, true);
        assertEquals(8, layout.size());
        StandardErrors se = StandardErrors.analytic(stats, p, layout, null, 1);
        assertTrue(se.available());
        assertEquals(0.0, se.weights()[0]);
        assertTrue(se.beta()[0] > 0 && se.beta()[0] < 0.1);
    }

    @Test
    void fixedLabelsPinTheComponentOrderAndTheLikelihoodConvention() {
        Dataset data = GroupedSample.generate(TRUTH, 120, 3, 15, true, 22L);
        int[] labels = new int[data.nodes()];
        for (int j = 0; j < labels.length; j++) labels[j] = j % 3 == 0 ? data.trueLabels()[j] : -1;
        NodeStats stats = FlexmixFixture.stats(data);
        FitResult r = fit(stats, MixtureOptions.defaults().withFixedLabels(labels)).best();
        MixtureParams p = r.params();
        // no permutation: the labels name the components
        for (int i = 0; i < 6; i++) assertEquals(TRUTH.betaFlat()[i], p.betaFlat()[i], 0.1, "beta " + i);
        // the semi-supervised log-likelihood: labelled nodes contribute l_j,label
        assertEquals(r.logLik(), NodeLogLik.posteriors(stats, p, labels, null), 1e-8 * Math.abs(r.logLik()));
        StandardErrors withLabels = StandardErrors.analytic(stats, p, new ParameterLayout(2, 3, false, false, false), labels, 1);
        StandardErrors without = StandardErrors.analytic(stats, p, new ParameterLayout(2, 3, false, false, false), null, 1);
        // knowing labels can only add information: every error is at most the unlabelled one (up to rounding)
        for (int i = 0; i < 6; i++) assertTrue(withLabels.beta()[i] <= without.beta()[i] * (1 + 1e-9), "beta " + i);
    }

    @Test
    void sharedVarianceIsOneVariance() {
        MixtureParams truth = new MixtureParams(3, TRUTH.betaFlat(), new double[] {0.5, 0.5}, new double[] {0.3, 0.7});
        NodeStats stats = FlexmixFixture.stats(GroupedSample.generate(truth, 150, 3, 15, true, 23L));
        MixtureParams p = fit(stats, MixtureOptions.defaults().withSharedVariance(true)).best().params();
        assertEquals(p.sigma2(0), p.sigma2(1), 0.0);
        assertEquals(0.5, p.sigma2(0), 0.05);
        MixtureParams aligned = LabelAlignment.align(p, truth);
        for (int i = 0; i < 6; i++) assertEquals(truth.betaFlat()[i], aligned.betaFlat()[i], 0.1, "beta " + i);
        assertEquals(0.3, aligned.weight(0), 0.1);
        StandardErrors se = StandardErrors.analytic(stats, p, new ParameterLayout(2, 3, true, false, false), null, 1);
        assertEquals(se.logSigma()[0], se.logSigma()[1], 0.0);
    }

    @Test
    void nodeBootstrapAgreesWithAnalyticErrors() {
        FlexmixFixture f = FlexmixFixture.load("k2_separate_intercept");
        NodeStats stats = f.stats();
        MixtureParams est = f.refitParams();
        ParameterLayout layout = new ParameterLayout(2, 3, false, false, false);
        StandardErrors analytic = StandardErrors.analytic(stats, est, layout, null, 1);
        NodeBootstrap.Refitter refit = (s, labels, start) -> {
            try (CpuBackend cpu = new CpuBackend(1); UnitOps units = cpu.nodeUnits(s)) {
                return MixtureEm.run(units, start, MixtureOptions.defaults(), StoppingRule.defaults(), null).params();
            }
        };
        StandardErrors boot = NodeBootstrap.run(stats, null, est, layout, 200, 5L, refit);
        StandardErrors again = NodeBootstrap.run(stats, null, est, layout, 200, 5L, refit);
        assertTrue(java.util.Arrays.equals(boot.beta(), again.beta()), "seeded");
        for (int i = 0; i < 6; i++) {
            double ratio = boot.beta()[i] / analytic.beta()[i];
            // 200 replicates: the SD of an SD estimate is ~5%; node resampling also varies n_j
            assertTrue(ratio > 0.75 && ratio < 1.33, "beta " + i + ": bootstrap/analytic = " + ratio);
        }
        assertTrue(boot.weights()[0] / analytic.weights()[0] > 0.75 && boot.weights()[0] / analytic.weights()[0] < 1.33);
    }

    /** Two main components plus a planted third that owns two one-row nodes: fewer rows than coefficients. */
    @ParameterizedTest
    @EnumSource(DegeneracyPolicy.class)
    void plantedTwoNodeComponentIsReportedByNameNeverNaN(DegeneracyPolicy policy) throws java.io.IOException {
        NodeStats stats = FlexmixFixture.stats(GroupedSample.plantedTwoNodeComponent());
        MixtureParams start = new MixtureParams(3, new double[] {1, 2, -1, -1, -0.5, 1.5, 40, 0, 0},
                new double[] {0.25, 1.0, 1.0}, new double[] {0.3, 0.67, 0.03});
        FitResult r;
        try (CpuBackend cpu = new CpuBackend(1); UnitOps units = cpu.nodeUnits(stats)) {
            // with the API's default bounds against spurious solutions (2 rows per parameter: 8 here)
            MixtureOptions options = MixtureOptions.defaults().withDegeneracy(policy)
                    .withBounds(new MixtureOptions.Bounds(1e-3, 2));
            r = MixtureEm.run(units, start, options, StoppingRule.defaults(), null);
        }
        // the README's documented warning (DROP), with each policy's action
        String cause = "component 3: expected rows 2.00 below 8.00 (minRowsPerParameter 2.00 x (3 coefficients + variance)),"
                + " weighted normal equations are singular at iteration 1; ";
        String action = switch (policy) {
            case DROP -> "dropped (policy drop)";
            case FLOOR -> "kept with floored weight/variance or ridged equations (policy floor)";
            case STOP -> "stopped with the previous parameters (policy stop)";
        };
        assertEquals(java.util.List.of(cause + action), r.warnings());
        if (policy == DegeneracyPolicy.DROP) {
            String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md")).replaceAll("\\s+", " ");
            assertTrue(readme.contains("`" + cause + action + "`"), "the README quotes this warning");
        }
        assertTrue(Double.isFinite(r.logLik()));
        for (double v : r.params().betaFlat()) assertTrue(Double.isFinite(v));
        for (double v : r.params().sigma2()) assertTrue(Double.isFinite(v) && v > 0);
        switch (policy) {
            case DROP -> assertEquals(2, r.params().components());
            case FLOOR -> assertEquals(3, r.params().components());
            case STOP -> assertEquals(StopReason.DEGENERATE, r.reason());
        }
        int kk = r.params().components();
        StandardErrors se = StandardErrors.analytic(stats, r.params(), new ParameterLayout(kk, 3, false, false, false), null, 1);
        if (se.available()) {
            for (double v : se.beta()) assertTrue(Double.isFinite(v));
        } else {
            assertTrue(se.warnings().get(0).contains("not positive definite"), se.warnings().toString());
        }
    }
}
