package io.github.cmlr.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CholeskyTest {

    @Test
    void solvesKnownSystem() {
        // A = [[4,2],[2,3]], b = [2, 1] -> x = [0.5, 0]
        double[] a = {4, 2, 2, 3};
        double[] x = Cholesky.trySolve(a, 2, new double[] {2, 1});
        assertArrayEquals(new double[] {0.5, 0.0}, x, 1e-15);
        assertEquals(Math.log(8), Cholesky.factor(a, 2).logDet(), 1e-14);
    }

    @Test
    void solvesRandomSpdSystemToRoundoff() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 30;
        double[] x = new double[n * n];
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble(-1, 1);
        double[] a = new double[n * n]; // A = X^T X + I
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) s += x[k * n + i] * x[k * n + j];
                a[i * n + j] = s;
            }
        }
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) truth[i] = r.nextDouble(-2, 2);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) b[i] = Dense.dot(a, i * n, truth, 0, n);
        assertArrayEquals(truth, Cholesky.factor(a, n).solve(b), 1e-10);
    }

    @Test
    void reportsRankDeficientAndIndefiniteMatrices() {
        // rank one: v v^T with v = (1, 2, 3)
        double[] rankOne = {1, 2, 3, 2, 4, 6, 3, 6, 9};
        assertNull(Cholesky.factor(rankOne, 3));
        assertNull(Cholesky.factor(new double[] {1, 2, 2, 1}, 2)); // eigenvalues 3, -1
        assertNull(Cholesky.factor(new double[] {0, 0, 0, 1}, 2));
        assertNull(Cholesky.factor(new double[] {Double.NaN, 0, 0, 1}, 2));
    }

    @Test
    void ridgeFallbackGivesMinimumNormLikeSolution() {
        double[] rankOne = {1, 1, 1, 1};
        Cholesky c = Cholesky.factorWithRidge(rankOne, 2, 1e-8);
        assertNotNull(c);
        double[] x = c.solve(new double[] {2, 2});
        // (11^T + eps I) x = 2*1 -> x = 2/(2+eps) * 1, close to the minimum-norm solution (1,1)
        assertArrayEquals(new double[] {1, 1}, x, 1e-6);
    }
}
