package io.github.cmlr.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void knownTwoByTwo() {
        // [[2,1],[1,2]]: eigenvalues 3 (1,1)/sqrt2 and 1 (1,-1)/sqrt2
        SymmetricEigen e = SymmetricEigen.decompose(new double[] {2, 1, 1, 2}, 2);
        assertArrayEquals(new double[] {3, 1}, e.values(), 1e-14);
        double h = Math.sqrt(0.5);
        assertArrayEquals(new double[] {h, h}, e.topVector(), 1e-14);
    }

    @Test
    void reconstructsRandomSymmetricMatrix() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 25;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = r.nextDouble(-1, 1);
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        SymmetricEigen e = SymmetricEigen.decompose(a, n);
        double[] v = e.vectors();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rec = 0;
                double gram = 0;
                for (int k = 0; k < n; k++) {
                    rec += v[i * n + k] * e.values()[k] * v[j * n + k];
                    gram += v[k * n + i] * v[k * n + j];
                }
                assertEquals(a[i * n + j], rec, 1e-12);
                assertEquals(i == j ? 1.0 : 0.0, gram, 1e-12);
            }
        }
        for (int i = 1; i < n; i++) assertEquals(true, e.values()[i - 1] >= e.values()[i]);
    }

    @Test
    void topVectorOfRankOnePlusIdentity() {
        double[] u = {3, -4, 0, 12}; // norm 13
        int n = u.length;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) a[i * n + j] = u[i] * u[j] + (i == j ? 2 : 0);
        }
        SymmetricEigen e = SymmetricEigen.decompose(a, n);
        assertEquals(169 + 2, e.values()[0], 1e-11);
        assertEquals(2, e.values()[n - 1], 1e-11);
        double[] t = e.topVector();
        for (int i = 0; i < n; i++) assertEquals(u[i] / 13, t[i], 1e-13); // sign: largest entry positive
    }
}
