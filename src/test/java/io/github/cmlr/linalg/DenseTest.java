package io.github.cmlr.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseTest {
    /** The upper-triangle form equals the full one on symmetric matrices of every small size, odd and even. */
    @Test
    void symmetricQuadFormEqualsTheFullOne() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int d = 1; d <= 13; d++) {
            int off = 3;
            double[] m = new double[off + d * d];
            for (int r = 0; r < d; r++) {
                for (int c = r; c < d; c++) {
                    double v = rnd.nextDouble(-2, 2);
                    m[off + r * d + c] = v;
                    m[off + c * d + r] = v;
                }
            }
            double[] b = new double[2 + d];
            for (int i = 0; i < b.length; i++) b[i] = rnd.nextDouble(-1, 1);
            double full = Dense.quadForm(m, off, b, 2, d);
            assertEquals(full, Dense.quadFormSymmetric(m, off, b, 2, d), 1e-13 * (1 + Math.abs(full)), "d = " + d);
        }
    }

    /** Only the upper triangle is read: garbage below the diagonal changes nothing. */
    @Test
    void symmetricQuadFormReadsTheUpperTriangleOnly() {
        double[] m = {2, 1, 9e9, 3};
        assertEquals(2 * 1 + 2 * 1 * 1 * 2 + 3 * 4, Dense.quadFormSymmetric(m, 0, new double[] {1, 2}, 0, 2), 0);
    }
}
