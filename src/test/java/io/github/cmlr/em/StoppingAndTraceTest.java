package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.SyntheticSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each stopping rule stops at the first iteration where it holds, and the trace records what happened. */
class StoppingAndTraceTest {
    private static final SyntheticSpec SPEC = SyntheticSpec.withSnr(300, 10, 3, 1.0, 2.0, 19);
    private static final double[] STAR = SyntheticGenerator.thetaStar(SPEC);
    private static final double[] START = Initializers.ball(STAR, 0.5, 4);

    @Test
    void relativeChangeKnownAnswers() {
        assertEquals(0.0, Convergence.relativeChange(new double[] {3, 4}, new double[] {3, 4}));
        assertEquals(1.0, Convergence.relativeChange(new double[] {3, 4}, new double[] {0, 0}));
        assertEquals(0.2, Convergence.relativeChange(new double[] {3, 4}, new double[] {3, 5}), 1e-15);
        assertEquals(5.0, Convergence.relativeChange(new double[] {0, 0}, new double[] {3, 4}), "absolute from zero");
    }

    @Test
    void rulesApplyInOrderAndOnlyFromTheFirstStep() {
        StoppingRule rule = new StoppingRule(10, 1e-3, 1e-6, 0.5);
        assertEquals(StopReason.TARGET_ERROR, Convergence.check(rule, 0, 0.4, Double.NaN, -100, Double.NaN));
        assertNull(Convergence.check(rule, 0, 0.6, Double.NaN, -100, Double.NaN), "nothing to compare at the start");
        assertEquals(StopReason.TARGET_ERROR, Convergence.check(rule, 3, 0.5, -100, -100, 0), "target first");
        assertEquals(StopReason.PARAMETER_CHANGE, Convergence.check(rule, 3, 0.6, -100, -100, 0.9e-3));
        assertNull(Convergence.check(rule, 3, 0.6, -100, -99.9, 1.1e-3));
        assertEquals(StopReason.LOGLIK_CHANGE, Convergence.check(rule, 3, 0.6, -100, -100 + 0.9e-4, 1.1e-3));
        assertNull(Convergence.check(rule, 3, 0.6, -100, -100 + 1.1e-4, 1.1e-3));
        assertNull(Convergence.check(rule, 3, 0.6, -100, -99, Double.NaN), "no parameter rule when K changed");
        assertEquals(StopReason.MAX_ITERATIONS, Convergence.check(rule, 10, 0.6, -100, -99, 1));
        assertNull(Convergence.check(StoppingRule.iterations(10), 3, 0.0, -1, -1, 0), "zero tolerances are off");
    }

    @Test
    void symmetricTraceRecordsErrorLogLikAndParameterChangeOfEachIterate() {
        try (CpuBackend cpu = new CpuBackend(2); UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(cpu.generate(SPEC)))) {
            FitResult f = SymmetricEm.run(nodes, START, 1.0, StoppingRule.iterations(4), STAR);
            assertEquals(StopReason.MAX_ITERATIONS, f.reason());
            assertFalse(f.converged());
            assertEquals(4, f.iterations());
            assertEquals(5, f.trace().size());
            double[] prev = START;
            for (int t = 0; t <= 4; t++) {
                double[] theta = t == 0 ? START : SymmetricEm.run(nodes, START, 1.0, StoppingRule.iterations(t), STAR).theta();
                IterationRecord r = f.trace().get(t);
                assertEquals(t, r.iteration());
                assertEquals(Errors.signInvariant(theta, STAR), r.error(), 1e-14, "error at " + t);
                assertEquals(nodes.symmetricWeights(theta, 1.0, new double[nodes.units()]), r.logLik(), 0.0, "logLik at " + t);
                if (t == 0) {
                    assertEquals(0.5 * 2.0, r.error(), 1e-12, "the start is at distance 0.5 ||theta*|| = 0.5 SNR sigma");
                    assertTrue(Double.isNaN(r.paramChange()));
                } else {
                    assertEquals(Dense.distance(theta, prev) / Math.sqrt(Dense.dot(prev, prev)), r.paramChange(), 1e-14);
                }
                prev = theta;
            }
            assertEquals(0.0, Dense.distance(prev, f.theta()));
        }
    }

    @Test
    void toleranceRulesStopAtTheFirstIterationBelowThem() {
        try (CpuBackend cpu = new CpuBackend(2); UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(cpu.generate(SPEC)))) {
            FitResult p = SymmetricEm.run(nodes, START, 1.0, new StoppingRule(500, 1e-9, 0, Double.NaN), STAR);
            assertEquals(StopReason.PARAMETER_CHANGE, p.reason());
            assertTrue(p.converged());
            List<IterationRecord> t = p.trace();
            assertEquals(p.iterations() + 1, t.size());
            assertTrue(p.iterations() > 2, "several steps");
            assertTrue(t.get(t.size() - 1).paramChange() < 1e-9);
            for (int i = 1; i < t.size() - 1; i++) assertTrue(t.get(i).paramChange() >= 1e-9, "stopped late at " + i);

            FitResult l = SymmetricEm.run(nodes, START, 1.0, new StoppingRule(500, 0, 1e-13, Double.NaN), STAR);
            assertEquals(StopReason.LOGLIK_CHANGE, l.reason());
            t = l.trace();
            for (int i = 1; i < t.size(); i++) {
                boolean small = Math.abs(t.get(i).logLik() - t.get(i - 1).logLik()) <= 1e-13 * Math.abs(t.get(i - 1).logLik());
                assertEquals(i == t.size() - 1, small, "log-likelihood rule at iteration " + i);
            }
        }
    }

    /** The general model's parameter change covers (beta, sigma^2, weights). */
    @Test
    void mixtureTraceParameterChangeCoversAllParameters() {
        Dataset data = MixtureData.generate(new double[] {1, 1, -1, 0.5}, new double[] {0.5, 1}, MixtureData.sizes(60, 8),
                false, 5);
        MixtureParams start = new MixtureParams(2, new double[] {0.5, 0.5, -0.5, 0}, new double[] {2, 2},
                new double[] {0.6, 0.4});
        try (CpuBackend cpu = new CpuBackend(1); UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(data))) {
            FitResult f = MixtureEm.run(nodes, start, MixtureOptions.defaults(), StoppingRule.iterations(3), null);
            MixtureParams prev = start;
            for (int t = 1; t <= 3; t++) {
                MixtureParams p = MixtureEm.run(nodes, start, MixtureOptions.defaults(), StoppingRule.iterations(t), null).params();
                double[] a = flat(prev);
                double[] b = flat(p);
                assertEquals(Dense.distance(a, b) / Math.sqrt(Dense.dot(a, a)), f.trace().get(t).paramChange(), 1e-14);
                assertTrue(Double.isNaN(f.trace().get(t).error()), "no truth, no error");
                prev = p;
            }
        }
    }

    private static double[] flat(MixtureParams p) {
        int k = p.components();
        double[] f = java.util.Arrays.copyOf(p.betaFlat(), p.betaFlat().length + 2 * k);
        System.arraycopy(p.sigma2(), 0, f, f.length - 2 * k, k);
        System.arraycopy(p.weights(), 0, f, f.length - k, k);
        return f;
    }
}
