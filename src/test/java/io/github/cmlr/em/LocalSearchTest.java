package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.api.DataSource;
import io.github.cmlr.api.FitData;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalSearch} on Produc (48 states, 17 rows each, 4 features) at K = 3, from the maximum
 * that EM reaches from a partition 3 states away from flexmix's best (1344.02): the moves reach
 * flexmix's log-likelihood, each kept move is better than the one before, and all keep K.
 */
class LocalSearchTest {
    /** States' components (in the CSV's node order) of the 1340.59 maximum the short-EM search ended at with seed 1. */
    static final String STUCK = "010222210210112011120012121201020010201021112110";
    static final double FLEXMIX_K3 = 1344.0177545867268;

    @TempDir
    Path dir;

    @Test
    void movesFromTheStuckMaximumReachFlexmixBest() throws IOException {
        Path csv = dir.resolve("produc.csv");
        try (InputStream in = getClass().getResourceAsStream("/flexmix/realdata/produc.csv")) {
            Files.copy(in, csv);
        }
        MixtureOptions o = MixtureOptions.defaults().withBounds(new MixtureOptions.Bounds(1e-3, 2));
        try (CpuBackend cpu = new CpuBackend(1)) {
            FitData data = DataSource.csv(csv, CsvOptions.defaults().withIntercept(true))
                    .load(false, null, cpu, Progress.create(new PrintWriter(new StringWriter()), false, true));
            NodeStats stats = data.stats();
            int[] labels = new int[stats.nodes()];
            for (int j = 0; j < labels.length; j++) labels[j] = STUCK.charAt(j) - '0';
            try (UnitOps units = cpu.nodeUnits(stats)) {
                FitResult stuck = MixtureEm.run(units, Starts.fromPartition(stats, labels, 3), o, StoppingRule.defaults(), null);
                assertTrue(stuck.logLik() < FLEXMIX_K3 - 1, "EM alone stays below flexmix: " + stuck.logLik());
                List<LocalSearch.Move> moves = new LocalSearch(units, stats, 3, o, StoppingRule.defaults()).improve(stuck, 1L);
                assertFalse(moves.isEmpty());
                double previous = stuck.logLik();
                for (LocalSearch.Move m : moves) {
                    assertTrue(m.fit().logLik() > previous, m.kind());
                    assertEquals(3, m.fit().params().components(), m.kind());
                    previous = m.fit().logLik();
                }
                assertTrue(previous >= FLEXMIX_K3 - 1e-6 * FLEXMIX_K3, "reached " + previous);
            }
        }
    }
}
