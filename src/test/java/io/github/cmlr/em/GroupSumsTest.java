package io.github.cmlr.em;

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
 * {@link GroupSums}: moving one node updates a partition's least squares exactly as recomputing
 * them does, and {@link LocalSearch#flips} admits no move on a fit over many decisive nodes.
 */
class GroupSumsTest {
    @Test
    void movingANodeGivesTheParametersOfTheMovedPartition() {
        // nodes of 1 to 6 rows, d = 2: single-row nodes keep their rows, the others G_j
        Dataset data = GroupedSample.generate(StartsSplitTest.THREE, 60, 1, 6, true, 5L);
        NodeStats stats = FlexmixFixture.stats(data);
        int[] labels = data.trueLabels().clone();
        GroupSums base = GroupSums.of(stats, labels, 3);
        for (int j = 0; j < stats.nodes(); j += 7) {
            int to = (labels[j] + 1 + j % 2) % 3;
            int[] moved = labels.clone();
            moved[j] = to;
            MixtureParams want = Starts.fromPartition(stats, moved, 3);
            MixtureParams got = base.moved(j, labels[j], to).params();
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 2; i++) assertEquals(want.beta(c, i), got.beta(c, i), 1e-9, "node " + j + " beta");
                assertEquals(want.sigma2(c), got.sigma2(c), 1e-9 * want.sigma2(c), "node " + j + " sigma2");
                assertEquals(want.weight(c), got.weight(c), 1e-12, "node " + j + " weight");
            }
        }
    }

    @Test
    void noSingleNodeFlipSurvivesOnManyDecisiveNodes() {
        Dataset data = GroupedSample.generate(StartsSplitTest.THREE, 300, 10, 20, true, 3L);
        NodeStats stats = FlexmixFixture.stats(data);
        MixtureOptions o = MixtureOptions.defaults();
        try (CpuBackend cpu = new CpuBackend(1); UnitOps units = cpu.nodeUnits(stats)) {
            FitResult fit = MixtureEm.run(units, Starts.fromPartition(stats, data.trueLabels(), 3), o,
                    StoppingRule.defaults(), null);
            assertEquals(3, fit.params().components());
            assertTrue(new LocalSearch(units, stats, 3, o, StoppingRule.defaults()).flips(fit).isEmpty());
        }
    }
}
