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

    @Test
    void differentSeedsGiveDifferentStreams() {
        double a = new CurandNormalStream(1).normal(5);
        double b = new CurandNormalStream(2).normal(5);
        assertTrue(a != b);
    }
}
