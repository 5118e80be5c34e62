package io.github.cmlr.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GramAccumulatorTest {
    /** Weighted sums of 0 to 11 rows (every remainder mod 4) against the definition, for several d. */
    @Test
    void weightedSumsMatchTheirDefinition() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int d : new int[] {1, 2, 5, 9}) {
            for (int n = 0; n < 12; n++) {
                double[] x = new double[n * d];
                double[] y = new double[n];
                double[] w = new double[n];
                for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble(-1, 1);
                for (int i = 0; i < n; i++) {
                    y[i] = rnd.nextDouble(-3, 3);
                    w[i] = rnd.nextDouble();
                }
                GramAccumulator acc = new GramAccumulator(d);
                for (int i = 0; i < n; i++) acc.add(w[i], y[i], x, i * d);
                acc.finish();
                double[] g = new double[d * d];
                double[] s = new double[d];
                double q = acc.store(g, 0, s, 0);
                double qRef = 0;
                for (int i = 0; i < n; i++) qRef += w[i] * y[i] * y[i];
                assertEquals(qRef, q, 1e-12, "q, d=" + d + " n=" + n);
                for (int r = 0; r < d; r++) {
                    double sRef = 0;
                    for (int i = 0; i < n; i++) sRef += w[i] * y[i] * x[i * d + r];
                    assertEquals(sRef, s[r], 1e-12);
                    for (int c = 0; c < d; c++) {
                        double gRef = 0;
                        for (int i = 0; i < n; i++) gRef += w[i] * x[i * d + r] * x[i * d + c];
                        assertEquals(c >= r ? gRef : 0.0, g[r * d + c], 1e-12, "G[" + r + "][" + c + "]");
                    }
                }
            }
        }
    }

    /** Storing, keeping the buffered rows aside and loading again (as the streaming reader does) changes no bit. */
    @Test
    void interruptedAccumulationIsBitwiseTheUninterruptedOne() {
        int d = 7;
        int n = 23;
        SplittableRandom rnd = new SplittableRandom(8);
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
        for (int i = 0; i < n; i++) y[i] = rnd.nextGaussian();
        GramAccumulator whole = new GramAccumulator(d);
        for (int i = 0; i < n; i++) whole.add(1.0, y[i], x, i * d);
        whole.finish();
        double[] g1 = new double[d * d];
        double[] s1 = new double[d];
        double q1 = whole.store(g1, 0, s1, 0);

        GramAccumulator acc = new GramAccumulator(d);
        double[] g2 = new double[d * d];
        double[] s2 = new double[d];
        double q2 = 0;
        double[] keptX = new double[3 * d];
        double[] keptY = new double[3];
        int kept = 0;
        for (int i = 0; i < n; ) {
            acc.load(g2, 0, s2, 0, q2);
            for (int p = 0; p < kept; p++) acc.add(1.0, keptY[p], keptX, p * d);
            int run = 1 + rnd.nextInt(6);
            for (int r = 0; r < run && i < n; r++, i++) acc.add(1.0, y[i], x, i * d);
            if (i == n) acc.finish();
            q2 = acc.store(g2, 0, s2, 0);
            kept = acc.buffered();
            for (int p = 0; p < kept; p++) keptY[p] = acc.bufferedRow(p, keptX, p * d);
            acc.dropBuffered();
        }
        assertArrayEquals(g1, g2);
        assertArrayEquals(s1, s2);
        assertEquals(q1, q2, 0);
    }
}
