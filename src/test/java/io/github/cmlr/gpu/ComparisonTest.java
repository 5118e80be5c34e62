package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    @Test
    void scalesByTheLargestReferenceMagnitudeWithAFloorOfOne() {
        Comparison big = Comparison.of("s", "q", new double[] {1000, 2}, new double[] {1000.001, 2}, 2e-6);
        assertEquals(1e-3, big.maxAbs(), 1e-12);
        assertEquals(1e-6, big.scaled(), 1e-12);
        assertTrue(big.passed());
        Comparison small = Comparison.of("s", "q", new double[] {1e-3}, new double[] {2e-3}, 1e-4);
        assertEquals(1e-3, small.scaled(), 1e-15);
        assertFalse(small.passed());
    }

    @Test
    void nanAndLengthMismatchFail() {
        assertFalse(Comparison.of("s", "q", new double[] {1}, new double[] {Double.NaN}, 1).passed());
        assertFalse(Comparison.of("s", "q", new double[] {1}, new double[] {1, 2}, 1).passed());
    }

    @Test
    void exactComparisonCountsMismatches() {
        Comparison c = Comparison.exact("data", "labels", new int[] {0, 1, 1}, new int[] {0, 0, 1});
        assertEquals(1, c.maxAbs());
        assertFalse(c.passed());
        assertTrue(Comparison.exact("data", "labels", new int[] {0, 1}, new int[] {0, 1}).passed());
    }

    @Test
    void equalArraysPassAtZeroTolerance() {
        assertTrue(Comparison.of("s", "q", new double[] {3, -4}, new double[] {3, -4}, 0).passed());
        assertTrue(Crosscheck.allPassed(List.of(Comparison.of("s", "q", 1.0, 1.0, 0))));
        assertFalse(Crosscheck.allPassed(List.of(Comparison.of("s", "q", 1.0, 1.0, 0), Comparison.of("s", "q", 1.0, 2.0, 0.5))));
    }

    @Test
    void tolerancesAreOrderedFromTightestToLoosest() {
        assertTrue(Tolerances.DATA <= Tolerances.STATISTICS);
        assertTrue(Tolerances.STATISTICS <= Tolerances.POSTERIORS);
        assertTrue(Tolerances.POSTERIORS <= Tolerances.PARAMETERS);
    }
}
