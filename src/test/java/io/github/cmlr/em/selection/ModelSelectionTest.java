package io.github.cmlr.em.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.inference.LabelAlignment;
import io.github.cmlr.flexmix.FlexmixFixture;
import io.github.cmlr.flexmix.GroupedSample;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelSelectionTest {
    /** Three well-separated components with intercept, unequal node sizes. */
    static final MixtureParams TRUTH = new MixtureParams(3,
            new double[] {0, 2, -1, 4, -1, 1, -4, 0.5, 2}, new double[] {0.25, 0.5, 1.0}, new double[] {0.3, 0.3, 0.4});

    private static ModelSelection.Result select(Dataset data, Criterion c, MixtureOptions options) {
        NodeStats stats = FlexmixFixture.stats(data);
        try (CpuBackend cpu = new CpuBackend(2); UnitOps units = cpu.nodeUnits(stats)) {
            return ModelSelection.run(units, stats, new KRange(1, 5), 4, 42L, options, StoppingRule.defaults(), c);
        }
    }

    @ParameterizedTest
    @EnumSource(Criterion.class)
    void everyCriterionChoosesTheTrueK(Criterion c) {
        Dataset data = GroupedSample.generate(TRUTH, 150, 3, 20, true, 5L);
        // with the API's default bounds against spurious components (without them AIC takes a
        // fourth component that short-EM finds on a few nodes)
        ModelSelection.Result r = select(data, c, MixtureOptions.defaults().withBounds(new MixtureOptions.Bounds(1e-3, 2)));
        assertEquals(3, r.chosenK(), c + " chose " + r.chosenK());
        assertEquals(5, r.fits().size());
        ModelSelection.KFit chosen = r.fit(3);
        MixtureParams aligned = LabelAlignment.align(chosen.params(), TRUTH);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3; i++) assertEquals(TRUTH.beta(k, i), aligned.beta(k, i), 0.15, "beta " + k + "," + i);
        }
        // the trust measure: starts whose log-likelihood is within 1e-6 (relative) of the best's
        double[] all = chosen.fit().allLogLiks();
        assertEquals(4, all.length);
        double top = chosen.fit().best().logLik();
        assertEquals(java.util.Arrays.stream(all).max().orElseThrow(), top, 0.0, "the best start is kept");
        long agree = java.util.Arrays.stream(all).filter(v -> Math.abs(v - top) <= 1e-6 * Math.abs(top)).count();
        assertEquals(agree, chosen.fit().startsAtBest());
    }

    @Test
    void logLikelihoodNeverDecreasesWithKAndCriteriaAreConsistent() {
        Dataset data = GroupedSample.generate(TRUTH, 150, 3, 20, true, 6L);
        ModelSelection.Result r = select(data, Criterion.BIC, MixtureOptions.defaults());
        double rows = data.rows();
        for (ModelSelection.KFit f : r.fits()) {
            assertEquals(-2 * f.logLik() + 2 * f.freeParams(), f.aic(), 1e-9);
            assertEquals(-2 * f.logLik() + f.freeParams() * Math.log(rows), f.bic(), 1e-9);
            assertEquals(f.bic() + 2 * f.entropy(), f.icl(), 1e-9);
            // ICL's entropy: -sum_j sum_k gamma_jk log gamma_jk over the best fit's own posteriors
            double entropy = 0;
            for (double g : f.fit().best().posteriors()) if (g > 0) entropy -= g * Math.log(g);
            assertEquals(entropy, f.entropy(), 1e-9 * (1 + entropy), "K=" + f.k());
            if (f.k() == 1) assertEquals(0.0, f.entropy());
            assertEquals(f.components() * 3 + 2 * f.components() - 1, f.freeParams());
        }
        for (int i = 1; i < 3; i++) {
            assertTrue(r.fits().get(i).logLik() >= r.fits().get(i - 1).logLik() - 1e-6, "K=" + (i + 1));
        }
    }

    @Test
    void sharedVarianceCountsOneVariance() {
        Dataset data = GroupedSample.generate(
                new MixtureParams(2, new double[] {1, 2, -1, -2}, new double[] {0.5, 0.5}, new double[] {0.5, 0.5}), 80, 5, 10, true, 3L);
        ModelSelection.Result r = select(data, Criterion.BIC, MixtureOptions.defaults().withSharedVariance(true));
        assertEquals(2, r.chosenK());
        assertEquals(2 * 2 + 1 + 1, r.chosen().freeParams());
        MixtureParams p = r.chosen().params();
        assertEquals(p.sigma2(0), p.sigma2(1), 0.0);
    }

    /** Fixed weights name the components: the fit puts the 0.7 weight on the component that has 70% of the nodes. */
    @Test
    void fixedWeightsAreMatchedToTheRightComponents() {
        MixtureParams truth = new MixtureParams(3, new double[] {1, 2, -1, -1, -0.5, 1.5}, new double[] {0.25, 1.0},
                new double[] {0.3, 0.7});
        for (long seed = 21; seed < 24; seed++) {
            Dataset data = GroupedSample.generate(truth, 120, 3, 15, true, seed);
            NodeStats stats = FlexmixFixture.stats(data);
            MixtureOptions fixed = MixtureOptions.defaults().withFixedWeights(new double[] {0.3, 0.7});
            ModelSelection.Result r;
            try (CpuBackend cpu = new CpuBackend(1); UnitOps units = cpu.nodeUnits(stats)) {
                r = ModelSelection.run(units, stats, new KRange(2, 2), 5, 9L, fixed, StoppingRule.defaults(), Criterion.BIC);
            }
            MixtureParams p = r.chosen().params();
            assertEquals(0.3, p.weight(0), 1e-12);
            for (int i = 0; i < 6; i++) assertEquals(truth.betaFlat()[i], p.betaFlat()[i], 0.15, "seed " + seed + " beta " + i);
            assertEquals(5, r.chosen().fit().allLogLiks().length, "one fit per start, no extra fits");
        }
    }

    @Test
    void parsesRanges() {
        assertEquals(new KRange(1, 6), KRange.parse("1..6", "--k"));
        assertEquals(new KRange(3, 3), KRange.parse("3", "--k"));
        for (String bad : new String[] {"0..2", "3..2", "a", "1..", ""}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.github.cmlr.util.CmlrException.class, () -> KRange.parse(bad, "--k"));
            assertEquals(io.github.cmlr.util.ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("--k"));
        }
    }
}
