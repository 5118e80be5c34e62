package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Numerical care: each degenerate case gives its documented behaviour and never NaN. */
class MixtureEmDegeneracyTest {
    private static final CpuBackend CPU = new CpuBackend(2);

    /** One-component data; a start whose third component sits far away loses all weight. */
    private static FitResult fitWithFarComponent(DegeneracyPolicy policy) {
        Dataset data = MixtureData.generate(new double[] {1, -1, 2, 0.5}, new double[] {0.5, 0.5},
                MixtureData.sizes(40, 20), false, 1);
        MixtureParams start = new MixtureParams(2, new double[] {1.2, -0.8, 1.8, 0.7, 100, 100},
                new double[] {1, 1, 1}, new double[] {0.4, 0.4, 0.2});
        try (UnitOps nodes = CPU.nodeUnits(CPU.nodeStats(data))) {
            return MixtureEm.run(nodes, start, MixtureOptions.defaults().withDegeneracy(policy),
                    StoppingRule.iterations(30), null);
        }
    }

    @Test
    void componentLosingWeightIsDroppedAndReported() {
        FitResult f = fitWithFarComponent(DegeneracyPolicy.DROP);
        assertEquals(2, f.params().components());
        assertTrue(f.warnings().stream().anyMatch(w -> w.startsWith("component 3:") && w.contains("dropped")),
                f.warnings().toString());
        assertNoNaN(f);
    }

    @Test
    void componentLosingWeightIsKeptUnderFloor() {
        FitResult f = fitWithFarComponent(DegeneracyPolicy.FLOOR);
        assertEquals(3, f.params().components());
        // share floored at minWeight 1e-6, then all weights renormalised
        assertEquals(1e-6 / (1 + 1e-6), f.params().weight(2), 1e-15);
        assertArrayEquals(new double[] {100, 100}, f.params().beta(2), 0.0, "no data: coefficients kept");
        MixtureParams aligned = f.params();
        int live = Math.abs(aligned.beta(0, 0) - 1) < Math.abs(aligned.beta(1, 0) - 1) ? 0 : 1;
        assertArrayEquals(new double[] {1, -1}, aligned.beta(live), 0.1, "the live components fit the data");
        assertArrayEquals(new double[] {2, 0.5}, aligned.beta(1 - live), 0.1);
        assertEquals(List.of("component 3: weight share 0.00 < minWeight 1.00e-06, weighted normal equations are "
                + "singular at iteration 1; kept with floored weight/variance or ridged equations (policy floor)"),
                f.warnings());
        assertNoNaN(f);
    }

    @Test
    void componentLosingWeightStopsUnderStop() {
        FitResult f = fitWithFarComponent(DegeneracyPolicy.STOP);
        assertEquals(StopReason.DEGENERATE, f.reason());
        assertEquals(3, f.params().components());
        assertEquals(List.of("component 3: weight share 0.00 < minWeight 1.00e-06, weighted normal equations are "
                + "singular at iteration 1; stopped with the previous parameters (policy stop)"), f.warnings());
        // the first M-step degenerates: the last good parameters are the start
        assertEquals(0, f.iterations());
        assertArrayEquals(new double[] {1.2, -0.8, 1.8, 0.7, 100, 100}, f.params().betaFlat(), 0.0);
        assertEquals(f.iterations() + 1, f.trace().size());
        assertNoNaN(f);
    }

    /** Half the nodes lie exactly on a plane: that component's variance collapses to the floor. */
    @Test
    void collapsingVarianceIsFloored() {
        Dataset data = MixtureData.generate(new double[] {1, 2, -2, 1}, new double[] {0.0, 1.0},
                MixtureData.sizes(30, 10), false, 2);
        MixtureParams start = new MixtureParams(2, new double[] {0.8, 2.1, -2.2, 0.9}, new double[] {1, 1},
                new double[] {0.5, 0.5});
        try (UnitOps nodes = CPU.nodeUnits(CPU.nodeStats(data))) {
            FitResult f = MixtureEm.run(nodes, start, MixtureOptions.defaults().withDegeneracy(DegeneracyPolicy.FLOOR),
                    StoppingRule.iterations(20), null);
            assertTrue(f.warnings().stream().anyMatch(w -> w.startsWith("component 1:") && w.contains("variance")),
                    f.warnings().toString());
            double meanSq = 0;
            for (double y : data.y()) meanSq += y * y / data.rows();
            assertEquals(1e-8 * meanSq, f.params().sigma2(0), 1e-9 * 1e-8 * meanSq, "floored at 1e-8 mean(y^2)");
            assertArrayEquals(new double[] {1, 2}, f.params().beta(0), 1e-9);
            assertNoNaN(f);
        }
    }

    /**
     * Component 0's nodes only vary along x1 (x2 = 0) and component 1 is far away, so component
     * 0's weighted normal equations are singular: ridged under FLOOR, reported, no NaN.
     */
    @Test
    void singularComponentEquationsAreReportedAndRidged() {
        Dataset base = MixtureData.generate(new double[] {2, 0, -5, 5}, new double[] {0.3, 0.3},
                MixtureData.sizes(20, 15), false, 3);
        double[] x = base.x().clone();
        double[] y = base.y().clone();
        for (int j = 0; j < base.nodes(); j += 2) { // label 0 nodes: zero x2 (y does not use it: beta_0 = (2, 0))
            for (int r = base.nodeOffset(j); r < base.nodeOffset(j + 1); r++) x[r * 2 + 1] = 0;
        }
        Dataset data = new Dataset(2, base.offsets(), x, y, null, base.trueLabels());
        MixtureParams start = new MixtureParams(2, new double[] {1.8, 0.1, -5, 5}, new double[] {0.1, 0.1},
                new double[] {0.5, 0.5});
        try (UnitOps nodes = CPU.nodeUnits(CPU.nodeStats(data))) {
            FitResult f = MixtureEm.run(nodes, start, MixtureOptions.defaults().withDegeneracy(DegeneracyPolicy.FLOOR),
                    StoppingRule.iterations(10), null);
            assertTrue(f.warnings().stream().anyMatch(w -> w.startsWith("component 1:") && w.contains("singular")),
                    f.warnings().toString());
            assertEquals(2.0, f.params().beta(0, 0), 0.05);
            assertNoNaN(f);
        }
    }

    @Test
    void singularDataIsAClearError() {
        Dataset base = MixtureData.generate(new double[] {1, 1, -1, -1}, new double[] {1, 1},
                MixtureData.sizes(10, 5), false, 4);
        double[] x = base.x().clone();
        for (int r = 0; r < base.rows(); r++) x[r * 2 + 1] = 2 * x[r * 2]; // dependent columns
        Dataset data = new Dataset(2, base.offsets(), x, base.y(), null, null);
        MixtureParams start = new MixtureParams(2, new double[] {1, 0, 0, 1}, new double[] {1, 1}, new double[] {0.5, 0.5});
        try (UnitOps nodes = CPU.nodeUnits(CPU.nodeStats(data))) {
            CmlrException e = assertThrows(CmlrException.class, () -> MixtureEm.run(nodes, start,
                    MixtureOptions.defaults(), StoppingRule.iterations(5), null));
            assertEquals(ExitCode.FIT_FAILED, e.exitCode());
            assertThrows(CmlrException.class, () -> SymmetricEm.run(nodes, new double[] {1, 0}, 1,
                    StoppingRule.iterations(5), null));
        }
    }

    @Test
    void moreComponentsThanNodesIsAnError() {
        Dataset data = MixtureData.generate(new double[] {1, -1}, new double[] {1, 1}, MixtureData.sizes(2, 5), false, 5);
        try (UnitOps nodes = CPU.nodeUnits(CPU.nodeStats(data))) {
            MixtureParams start = new MixtureParams(1, new double[] {1, 0, -1}, new double[] {1, 1, 1},
                    new double[] {0.3, 0.3, 0.4});
            CmlrException e = assertThrows(CmlrException.class, () -> MixtureEm.run(nodes, start,
                    MixtureOptions.defaults(), StoppingRule.iterations(5), null));
            assertEquals(ExitCode.DATA_INSUFFICIENT, e.exitCode());
        }
    }

    /** Nodes of 50,000 rows: log-likelihood gaps ~1e5, posteriors exactly 0/1, log-likelihood finite. */
    @Test
    void posteriorUnderflowWithHugeNodes() {
        Dataset data = MixtureData.generate(new double[] {1, 1, -1, -1}, new double[] {1, 1},
                MixtureData.sizes(4, 50_000), false, 6);
        MixtureParams start = new MixtureParams(2, new double[] {0.9, 1.1, -1, -0.9}, new double[] {1, 1},
                new double[] {0.5, 0.5});
        try (UnitOps nodes = CPU.nodeUnits(CPU.nodeStats(data))) {
            FitResult f = MixtureEm.run(nodes, start, MixtureOptions.defaults(), StoppingRule.iterations(5), null);
            for (double g : f.posteriors()) assertTrue(g == 0.0 || g == 1.0, "posterior " + g);
            for (int j = 0; j < 4; j++) assertEquals(1.0, f.posteriors()[2 * j + data.trueLabels()[j]]);
            assertNoNaN(f);
        }
    }

    static void assertNoNaN(FitResult f) {
        Function<double[], Boolean> finite = a -> java.util.Arrays.stream(a).allMatch(Double::isFinite);
        assertTrue(finite.apply(f.params().betaFlat()), "beta");
        assertTrue(finite.apply(f.params().sigma2()), "sigma2");
        assertTrue(finite.apply(f.params().weights()), "weights");
        assertTrue(finite.apply(f.posteriors()), "posteriors");
        assertTrue(Double.isFinite(f.logLik()), "logLik");
        for (IterationRecord r : f.trace()) assertTrue(Double.isFinite(r.logLik()), "trace logLik");
    }
}
