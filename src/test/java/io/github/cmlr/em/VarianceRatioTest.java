package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VarianceRatioTest {

    private static double objective(double[] s, double[] n, double[] v) {
        double f = 0;
        for (int i = 0; i < s.length; i++) f -= n[i] * (Math.log(v[i]) + s[i] / v[i]);
        return f;
    }

    @Test
    void feasibleVariancesAreReturnedUnchanged() {
        double[] s = {1, 0.5, 0.02};
        assertSame(s, VarianceRatio.constrain(s, new double[] {10, 10, 10}, 0.01));
        assertSame(s, VarianceRatio.constrain(s, new double[] {10, 10, 10}, 0));
    }

    /** Two components: the optimum clips the small one up and the large one down, in closed form. */
    @Test
    void twoComponentsMatchTheClosedForm() {
        double[] s = {4.0, 0.001};
        double[] n = {30, 4};
        double c = 0.01;
        // both clipped: v_small = m, v_large = m / c, m = (n2 s2 + c n1 s1) / (n1 + n2)
        double m = (4 * 0.001 + c * 30 * 4.0) / 34;
        double[] v = VarianceRatio.constrain(s, n, c);
        assertEquals(m / c, v[0], 1e-12);
        assertEquals(m, v[1], 1e-15);
    }

    /** Random cases: the result meets the bound and beats every m on a fine grid (the exact constrained maximiser). */
    @Test
    void beatsEveryFeasibleClipOnAGrid() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int t = 0; t < 200; t++) {
            int k = 2 + rng.nextInt(4);
            double[] s = new double[k];
            double[] n = new double[k];
            for (int i = 0; i < k; i++) {
                s[i] = Math.exp(rng.nextDouble(-9, 3));
                n[i] = 1 + rng.nextInt(50);
            }
            double c = Math.exp(rng.nextDouble(-6, -0.5));
            double[] v = VarianceRatio.constrain(s, n, c);
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (double x : v) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            assertTrue(min >= c * max * (1 - 1e-9), "case " + t);
            double best = objective(s, n, v);
            double lo = Math.log(c * 1e-4 * java.util.Arrays.stream(s).min().orElseThrow());
            double hi = Math.log(java.util.Arrays.stream(s).max().orElseThrow());
            for (int g = 0; g <= 4000; g++) {
                double m = Math.exp(lo + (hi - lo) * g / 4000.0);
                double[] w = new double[k];
                for (int i = 0; i < k; i++) w[i] = Math.min(Math.max(s[i], m), m / c);
                assertTrue(objective(s, n, w) <= best + 1e-9 * Math.abs(best), "case " + t + " m " + m);
            }
        }
    }

    @Test
    void equalVariancesStayEqual() {
        double[] s = {2, 2};
        assertArrayEquals(s, VarianceRatio.constrain(s, new double[] {1, 1}, 1.0), 0.0);
    }
}
