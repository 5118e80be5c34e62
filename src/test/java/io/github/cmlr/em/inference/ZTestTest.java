package io.github.cmlr.em.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZTestTest {
    @Test
    void erfcMatchesKnownValues() {
        assertEquals(1.0, ZTest.erfc(0), 0.0);
        assertEquals(0.157299207050285, ZTest.erfc(1), 1e-14);
        assertEquals(0.004677734981047266, ZTest.erfc(2), 1e-16);
        assertEquals(2.209049699858544e-05, ZTest.erfc(3), 1e-18);
        assertEquals(1.5374597944280349e-12, ZTest.erfc(5), 1e-24);
        // continuity where the two methods meet
        assertEquals(ZTest.erfc(2) + 2 / Math.sqrt(Math.PI) * Math.exp(-4) * 1e-12, ZTest.erfc(2 - 1e-12), 1e-14);
    }

    @Test
    void twoSidedPValues() {
        assertEquals(0.05, ZTest.twoSidedP(1.959963984540054), 1e-14);
        assertEquals(0.05, ZTest.twoSidedP(-1.959963984540054), 1e-14);
        assertEquals(1.0, ZTest.twoSidedP(0), 0.0);
        assertEquals(0.0027, ZTest.twoSidedP(3.0), 1e-4);
        assertTrue(Double.isNaN(ZTest.twoSidedP(ZTest.z(1.0, 0.0))), "a fixed quantity has no test");
        assertEquals(2.5, ZTest.z(5, 2));
    }
}
