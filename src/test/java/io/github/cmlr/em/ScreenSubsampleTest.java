package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import org.junit.jupiter.api.Test;

/** Candidates screened on a subsample of {@link MultiStart#SCREEN_NODES} nodes when there are more. */
class ScreenSubsampleTest {
    /** 3,000 nodes of 3 to 6 rows at d = 4: nodes below d keep their rows, the others G_j. */
    private static final Dataset DATA = MixtureData.generate(MixtureEmTest.BETAS3, MixtureEmTest.SIGMAS3,
            MixtureData.sizes(3000, 3, 6, 21), true, 23);

    @Test
    void largeDataIsScreenedOnASubsampleAndStillReachesTheOptimumOfTheTruth() {
        try (CpuBackend cpu = new CpuBackend(2)) {
            NodeStats stats = cpu.nodeStats(DATA);
            try (UnitOps nodes = cpu.nodeUnits(stats)) {
                MultiStart.Result r = MultiStart.fit(nodes, stats, 3, 2, 5, MixtureOptions.defaults(), StoppingRule.defaults());
                assertEquals(MultiStart.SCREEN_NODES, r.screenedNodes());
                assertEquals(2 * MultiStart.CANDIDATES_PER_START, r.candidates());
                MixtureParams truth = new MixtureParams(4, MixtureEmTest.BETAS3, new double[] {0.25, 1.0, 0.64},
                        new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0});
                FitResult fromTruth = MixtureEm.run(nodes, truth, MixtureOptions.defaults(), StoppingRule.defaults(), null);
                double ll = r.best().logLik();
                assertTrue(ll >= fromTruth.logLik() - 1e-7 * Math.abs(ll),
                        "screened fit " + ll + " below EM from the truth " + fromTruth.logLik());
                assertEquals(3, r.best().params().components());
            }
        }
    }

    @Test
    void theSubsampleDependsOnTheSeedNotOnTheThreadCount() {
        MultiStart.Result[] fits = new MultiStart.Result[2];
        for (int t = 1; t <= 2; t++) {
            try (CpuBackend cpu = new CpuBackend(t)) {
                NodeStats stats = cpu.nodeStats(DATA);
                try (UnitOps nodes = cpu.nodeUnits(stats)) {
                    fits[t - 1] = MultiStart.fit(nodes, stats, 3, 1, 9, MixtureOptions.defaults(), StoppingRule.defaults());
                }
            }
        }
        assertEquals(fits[0].best().logLik(), fits[1].best().logLik());
        assertArrayEquals(fits[0].best().params().betaFlat(), fits[1].best().params().betaFlat());
        assertArrayEquals(fits[0].allLogLiks(), fits[1].allLogLiks());
    }

    @Test
    void smallNodesAndManyCoefficientsGetALargerSubsample() {
        // 3,000 nodes of one row, d = 40, K = 3: 20 rows per coefficient are 2,400 rows, so 2,400 nodes
        double[] betas = new double[3 * 40];
        for (int c = 0; c < 3; c++) betas[c * 40 + c] = 4 * (c + 1);
        Dataset rows = MixtureData.generate(betas, new double[] {1, 1, 1}, MixtureData.sizes(3000, 1), false, 4);
        try (CpuBackend cpu = new CpuBackend(2)) {
            NodeStats stats = cpu.nodeStats(rows);
            try (UnitOps nodes = cpu.nodeUnits(stats)) {
                MultiStart.Result r = MultiStart.fit(nodes, stats, 3, 1, 1, MixtureOptions.defaults(), StoppingRule.iterations(20));
                assertEquals(20 * 3 * 40, r.screenedNodes());
            }
        }
    }

    @Test
    void knownLabelsAreThoseOfTheSubsamplesNodes() {
        int[] labels = new int[DATA.nodes()];
        java.util.Arrays.fill(labels, -1);
        for (int j = 0; j < labels.length; j += 10) labels[j] = j % 3; // MixtureData's label of node j
        MixtureOptions options = MixtureOptions.defaults().withFixedLabels(labels);
        try (CpuBackend cpu = new CpuBackend(2)) {
            NodeStats stats = cpu.nodeStats(DATA);
            try (UnitOps nodes = cpu.nodeUnits(stats)) {
                MultiStart.Result r = MultiStart.fit(nodes, stats, 3, 1, 3, options, StoppingRule.defaults());
                assertEquals(MultiStart.SCREEN_NODES, r.screenedNodes());
                double[] gamma = r.best().posteriors();
                for (int j = 0; j < labels.length; j += 10) assertEquals(1.0, gamma[j * 3 + labels[j]], "node " + j);
                for (int c = 0; c < 3; c++) { // labelled components keep their place: component c holds beta_c
                    double[] b = r.best().params().beta(c);
                    for (int i = 0; i < 4; i++) assertEquals(MixtureEmTest.BETAS3[c * 4 + i], b[i], 0.1, "beta " + c + "," + i);
                }
            }
        }
    }

    @Test
    void theSubsampleSizeFollowsTheRowsAndComponents() {
        assertEquals(2000, MultiStart.subsampleSize(10_000, 200_000, 2, 50)); // 20 rows per node: 2,000 suffice
        assertEquals(5000, MultiStart.subsampleSize(10_000, 10_000, 5, 50)); // one row per node: 20 x 5 x 50 rows
        assertEquals(4000, MultiStart.subsampleSize(10_000, 1e7, 200, 2)); // 20 nodes per component
        assertEquals(3000, MultiStart.subsampleSize(3000, 3000, 3, 60)); // as many as there are: no subsample
        assertEquals(2000, MultiStart.subsampleSize(2500, 250_000, 3, 10));
    }

    @Test
    void smallDataAndSampleUnitsAreScreenedOnEveryNode() {
        Dataset small = MixtureData.generate(MixtureEmTest.BETAS3, MixtureEmTest.SIGMAS3, MixtureData.sizes(300, 3, 6, 2),
                true, 3);
        try (CpuBackend cpu = new CpuBackend(2)) {
            NodeStats stats = cpu.nodeStats(small);
            try (UnitOps nodes = cpu.nodeUnits(stats)) {
                assertEquals(300, MultiStart.fit(nodes, stats, 3, 1, 1, MixtureOptions.defaults(), StoppingRule.defaults())
                        .screenedNodes());
            }
            NodeStats large = cpu.nodeStats(DATA);
            try (UnitOps samples = cpu.sampleUnits(DATA)) { // units that are rows: no node subsample to make
                assertEquals(large.nodes(), MultiStart.fit(samples, large, 3, 1, 1, MixtureOptions.defaults(),
                        StoppingRule.iterations(20)).screenedNodes());
            }
        }
    }
}
