package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.random.CurandNormalStream;
import org.junit.jupiter.api.Test;

/**
 * The probe's choice of generator-offset unit, against fake generators that follow each reading
 * of cuRAND's offset (the CPU model stands in for the device).
 */
class CurandProbeTest {
    /** A fake cuRAND whose generator offset advances {@code unitsPerValue} per double. */
    private static CurandProbe.Source fake(int scaleUsed, int unitsPerValue) {
        return (seed, start, len) -> {
            long offset = start * scaleUsed;
            double[] out = new double[len];
            new CurandNormalStream(seed).fill(offset / unitsPerValue, out, 0, len);
            return out;
        };
    }

    @Test
    void offsetCountedInDoublesKeepsScaleOne() {
        int[] kept = {0};
        assertNull(CurandProbe.calibrate(s -> fake(s, 1), s -> kept[0] = s));
        assertEquals(1, kept[0]);
    }

    @Test
    void offsetCountedInWordsIsFoundAndKept() {
        int[] kept = {0};
        assertNull(CurandProbe.calibrate(s -> fake(s, 2), s -> kept[0] = s));
        assertEquals(2, kept[0]);
    }

    @Test
    void aDifferentStreamIsReportedForBothReadings() {
        int[] kept = {0};
        String problem = CurandProbe.calibrate(s -> (seed, start, len) -> fake(s, 1).fill(seed + 1, start, len), s -> kept[0] = s);
        assertNotNull(problem);
        assertTrue(problem.contains("offset in doubles") && problem.contains("offset in 32-bit words"), problem);
        assertEquals(1, kept[0]);
    }

    @Test
    void locateFindsWhereEachValueSitsInTheModel() {
        CurandNormalStream model = new CurandNormalStream(CurandProbe.SEED);
        long start = 1_000_004;
        double[] got = fake(1, 2).fill(CurandProbe.SEED, start, 8);
        got[3] = 123.0;
        assertEquals("[500002, 500003, 500004, ?, 500006, 500007, 500008, 500009]", CurandProbe.locate(got, start, model));
    }

    @Test
    void aMismatchReportNamesTheModelIndicesOfTheFirstValues() {
        String problem = CurandProbe.calibrate(s -> (seed, start, len) -> {
            double[] out = new double[len];
            new CurandNormalStream(seed).fill(start + 2, out, 0, len);
            return out;
        }, s -> { });
        assertTrue(problem.contains("from stream index 0") && problem.contains("[2, 3, 4, 5, 6, 7, 8, 9]"), problem);
    }
}
