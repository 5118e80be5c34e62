package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.cmlr.flexmix.FlexmixFixture;
import io.github.cmlr.flexmix.GroupedSample;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Starts#splitPartition}: splitting a group that holds two components recovers them. */
class StartsSplitTest {
    /** Three lines far apart (sigma 0.5), 45 nodes of 10 to 20 rows, intercept and slope. */
    static final MixtureParams THREE = new MixtureParams(2, new double[] {0, 3, 6, -2, -6, 1},
            new double[] {0.25, 0.25, 0.25}, new double[] {0.3, 0.3, 0.4});

    @Test
    void splittingTheMergedGroupRecoversBothComponents() {
        Dataset data = GroupedSample.generate(THREE, 45, 10, 20, true, 11L);
        NodeStats stats = FlexmixFixture.stats(data);
        int[] truth = data.trueLabels();
        int[] merged = new int[truth.length];
        for (int j = 0; j < truth.length; j++) merged[j] = truth[j] == 0 ? 0 : 1; // components 2 and 3 in one group
        Starts.NodeEstimates est = Starts.NodeEstimates.of(stats);
        for (long seed = 1; seed <= 5; seed++) {
            int[] split = Starts.splitPartition(stats, est, merged, 1, 2, new SplittableRandom(seed));
            int label1 = -1;
            for (int j = 0; j < truth.length; j++) {
                if (truth[j] == 0) {
                    assertEquals(0, split[j], "node " + j + " was not in the split group and keeps its group");
                    continue;
                }
                if (truth[j] == 1 && label1 < 0) label1 = split[j];
            }
            int label2 = label1 == 1 ? 2 : 1;
            int[] expected = new int[truth.length];
            for (int j = 0; j < truth.length; j++) expected[j] = truth[j] == 0 ? 0 : truth[j] == 1 ? label1 : label2;
            assertNotEquals(0, label1);
            assertArrayEquals(expected, split, "seed " + seed);
        }
    }

    @Test
    void aGroupWithFewerThanTwoEstimatesIsNotSplit() {
        Dataset data = GroupedSample.generate(THREE, 45, 10, 20, true, 11L);
        NodeStats stats = FlexmixFixture.stats(data);
        int[] labels = new int[stats.nodes()];
        labels[7] = 1; // group 1 holds one node
        assertNull(Starts.splitPartition(stats, Starts.NodeEstimates.of(stats), labels, 1, 2, new SplittableRandom(1)));
    }
}
