package io.github.cmlr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Rows kept in the arena stay exactly as written through growth, moves and compaction; released space comes back. */
class RowArenaTest {
    private static double value(int node, int row, int k) {
        return node * 1e4 + row * 10 + k + 0.25;
    }

    @Test
    void rowsSurviveGrowthMovesAndCompaction() {
        int d = 23;
        int nodes = 6000;
        RowArena arena = new RowArena(d);
        int[] rows = new int[nodes];
        boolean[] released = new boolean[nodes];
        SplittableRandom rnd = new SplittableRandom(31);
        long peak = 0;
        for (int step = 0; step < 400_000; step++) {
            int j = rnd.nextInt(nodes);
            if (released[j]) continue;
            if (rows[j] == 30 || rnd.nextInt(200) == 0 && rows[j] > 0) { // a node leaves the kept form
                arena.release(j);
                released[j] = true;
                continue;
            }
            if (arena.capacity(j) <= rows[j]) arena.resize(j, rows[j] + 1 + rnd.nextInt(4), rows[j]);
            double[] slab = arena.slab(j);
            for (int k = 0; k < d; k++) slab[arena.offset(j) + rows[j] * d + k] = value(j, rows[j], k);
            rows[j]++;
            long live = 0;
            if ((step & 4095) == 0) {
                for (int i = 0; i < nodes; i++) if (!released[i]) live += (long) arena.capacity(i) * d;
                peak = Math.max(peak, live);
                // released space is reused: never much more than twice the live blocks, plus a slab or two
                assertTrue(arena.allocated() <= 2 * live + 3L * RowArena.SLAB, arena.allocated() + " held for " + live + " live");
            }
        }
        assertTrue(peak > 2L * RowArena.SLAB, "the test must fill several slabs: " + peak);
        for (int j = 0; j < nodes; j++) {
            if (released[j]) continue;
            double[] slab = arena.slab(j);
            for (int i = 0; i < rows[j]; i++) {
                for (int k = 0; k < d; k++) assertEquals(value(j, i, k), slab[arena.offset(j) + i * d + k], "node " + j + " row " + i);
            }
        }
    }
}
