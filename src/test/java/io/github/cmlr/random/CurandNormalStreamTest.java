package io.github.cmlr.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CurandNormalStreamTest {

    /** Mean, variance and kurtosis of 2^20 draws within ~5 standard errors of N(0, 1)'s. */
    @Test
    void momentsAreStandardNormal() {
        int n = 1 << 20;
        double[] z = new double[n];
        new CurandNormalStream(1234).fill(0, z, 0, n);
        double s1 = 0;
        double s2 = 0;
        double s4 = 0;
        for (double v : z) {
            s1 += v;
            s2 += v * v;
            s4 += v * v * v * v;
        }
        double mean = s1 / n;
        double var = s2 / n - mean * mean;
        double kurt = s4 / n / (var * var);
        // standard errors: mean 1/sqrt(n) ~ 1e-3, variance sqrt(2/n) ~ 1.4e-3, kurtosis sqrt(96/n) ~ 9.6e-3
        assertEquals(0.0, mean, 5e-3);
        assertEquals(1.0, var, 7e-3);
        assertEquals(3.0, kurt, 0.05);
    }

    @Test
    void fillMatchesRandomAccessAtOddAndEvenStarts() {
        CurandNormalStream s = new CurandNormalStream(0x1234_5678_9abcL);
        long[] starts = {0, 1, 2, 3, 7, 262_143, 262_144, 262_145, 1L << 33};
        for (long start : starts) {
            for (int len : new int[] {1, 2, 5, 8}) {
                double[] out = new double[len + 2];
                s.fill(start, out, 1, len);
                assertEquals(0.0, out[0]);
                assertEquals(0.0, out[len + 1]);
                for (int i = 0; i < len; i++) {
                    assertEquals(Double.doubleToLongBits(s.normal(start + i)), Double.doubleToLongBits(out[1 + i]),
                            "start " + start + " i " + i);
                }
            }
        }
    }

    /**
     * Box-Muller from hand-made blocks (gpu-stack.md's formulas): x1 = 2^31 gives u = 1/2 (+ 2^-54,
     * lost to rounding), so r = sqrt(2 log 2); y1 = 2^30, 2^31, 3 * 2^30 give v = 1/2 + 2^-53, and
     * exactly 1 and 3/2 (in [1, 2) the 2^-53 offset is half an ulp and rounds away), one per
     * quadrant of sinpi/cospi; all zeros give the smallest u = 2^-54 and the largest r.
     */
    @Test
    void boxMullerKnownAnswers() {
        double r = Math.sqrt(-2 * Math.log(0.5 + 0x1.0p-54));
        double tiny = Math.PI * 0x1.0p-53 * r; // sinpi(2^-53) r, to first order
        double[][] expected = {{r, -tiny}, {0, -r}, {-r, 0}};
        int[] y1 = {0x4000_0000, 0x8000_0000, 0xC000_0000};
        double[] pair = new double[2];
        for (int q = 0; q < 3; q++) {
            CurandNormalStream.boxMuller(new int[] {0, 0x8000_0000, 0, y1[q]}, pair);
            assertEquals(expected[q][0], pair[0], 1e-15 * Math.abs(expected[q][0]), "sine, quadrant " + q);
            assertEquals(expected[q][1], pair[1], 1e-15 * Math.abs(expected[q][1]), "cosine, quadrant " + q);
        }
        CurandNormalStream.boxMuller(new int[4], pair);
        double rMax = Math.sqrt(108 * Math.log(2));
        assertEquals(Math.PI * 0x1.0p-53 * rMax, pair[0], 1e-15 * pair[1] * 0x1.0p-53);
        assertEquals(rMax, pair[1], 1e-15 * rMax);
    }

    /**
     * LEGACY layout: double i is in group g = i / 4, made by thread g % 65536 on its round
     * g / 65536 from Philox block 2 * round + (i % 4) / 2 of subsequence (thread) = counter word 2.
     */
    @Test
    void streamPositionsFollowTheLegacyLayout() {
        long seed = 0x0123_4567_89ab_cdefL;
        CurandNormalStream s = new CurandNormalStream(seed);
        int[] words = new int[4];
        double[] pair = new double[2];
        long[][] cases = { // i, block, thread
            {0, 0, 0}, {3, 1, 0}, {4 * 5 + 2, 1, 5}, {4L * 65536 + 4 * 5 + 2, 3, 5}, {4L * 65536 * 7 + 4 * 65535 + 1, 14, 65535}};
        for (long[] c : cases) {
            Philox4x32.block(new int[] {(int) c[1], 0, (int) c[2], 0}, (int) seed, (int) (seed >>> 32), words, 0);
            CurandNormalStream.boxMuller(words, pair);
            assertEquals(pair[(int) (c[0] % 2)], s.normal(c[0]), 0.0, "index " + c[0]);
        }
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        double a = new CurandNormalStream(1).normal(5);
        double b = new CurandNormalStream(2).normal(5);
        assertTrue(a != b);
    }
}
