package io.github.cmlr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Nodes placed one after another; arrays sized from the total, capped, never split across. */
class MomentSlabsTest {
    @Test
    void smallDataGetsOneArrayOfItsOwnSize() {
        MomentSlabs s = new MomentSlabs(30);
        assertEquals(0, s.place(12));
        double[] first = s.array();
        assertEquals(12, s.place(18));
        assertSame(first, s.array());
        assertEquals(30, first.length);
    }

    @Test
    void largeDataIsCutIntoCappedArraysAndANodeNeverSpansTwo() {
        int len = 3000;
        int nodes = 1000;
        MomentSlabs s = new MomentSlabs((long) len * nodes);
        double[] current = null;
        int expected = 0;
        int arrays = 0;
        for (int j = 0; j < nodes; j++) {
            int at = s.place(len);
            if (s.array() != current) {
                if (current != null) assertNotSame(current, s.array());
                current = s.array();
                arrays++;
                expected = 0;
                assertTrue(current.length <= MomentSlabs.MAX_SLAB);
            }
            assertEquals(expected, at);
            assertTrue(at + len <= current.length);
            expected += len;
        }
        assertEquals((long) len * nodes / (MomentSlabs.MAX_SLAB / len * len) + 1, arrays);
    }

    @Test
    void nodesAreSizedAndPlacedWhenTheyKeepTheirRowsAndSkippedWhenTheyKeepG() {
        double[] counts = {3, 60, 5, 50, 0};
        MomentSlabs s = MomentSlabs.forNodes(counts, 4, 50); // the fifth is past the nodes given
        assertEquals(0, s.placeNode(3));
        assertEquals(-1, s.placeNode(60));
        assertEquals(3 * 51, s.placeNode(5));
        assertEquals(-1, s.placeNode(50));
        assertEquals((3 + 5) * 51, s.array().length, "one array of the kept rows' own size");
    }

    @Test
    void aNodeLargerThanTheCapGetsAnArrayOfItsOwn() {
        MomentSlabs s = new MomentSlabs(MomentSlabs.MAX_SLAB + 10L);
        assertEquals(0, s.place(MomentSlabs.MAX_SLAB + 10));
        assertEquals(MomentSlabs.MAX_SLAB + 10, s.array().length);
    }
}
