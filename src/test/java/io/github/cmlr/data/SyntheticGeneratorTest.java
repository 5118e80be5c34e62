package io.github.cmlr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.random.CurandNormalStream;
import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {
    /** 600 nodes: more than two fixed blocks, so 2 threads really split the work. */
    private static final SyntheticSpec SPEC = SyntheticSpec.withSnr(600, 7, 3, 0.5, 4.0, 99);

    @Test
    void identicalAcrossRunsAndThreadCounts() {
        Dataset a = SyntheticGenerator.generate(SPEC, 1);
        Dataset b = SyntheticGenerator.generate(SPEC, 1);
        Dataset c = SyntheticGenerator.generate(SPEC, 2);
        assertTrue(a.sameNumbers(b));
        assertTrue(a.sameNumbers(c));
        assertFalse(a.sameNumbers(SyntheticGenerator.generate(SyntheticSpec.withSnr(600, 7, 3, 0.5, 4.0, 98), 1)));
    }

    @Test
    void followsTheDocumentedLayout() {
        Dataset data = SyntheticGenerator.generate(SPEC, 2);
        SyntheticLayout layout = SyntheticLayout.of(SPEC);
        CurandNormalStream s = new CurandNormalStream(SPEC.seed());
        double[] theta = SyntheticGenerator.thetaStar(SPEC);
        int d = SPEC.d();
        int n = SPEC.n();
        double norm = Math.sqrt(theta[0] * theta[0] + theta[1] * theta[1] + theta[2] * theta[2]);
        assertEquals(SPEC.snr() * SPEC.sigma(), norm, 1e-12);
        for (int j : new int[] {0, 1, 255, 256, 599}) {
            double xi = s.normal(layout.signOffset() + j) >= 0 ? 1 : -1;
            assertEquals(xi > 0 ? 0 : 1, data.trueLabels()[j]);
            for (int i = 0; i < n; i++) {
                long row = (long) j * n + i;
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    double x = s.normal(layout.xOffset() + row * d + k);
                    assertEquals(x, data.x()[(int) row * d + k]);
                    dot += x * theta[k];
                }
                double y = xi * dot + SPEC.sigma() * s.normal(layout.noiseOffset() + row);
                assertEquals(y, data.y()[(int) row], 1e-14);
            }
        }
        assertEquals(0, layout.xOffset() % 4);
        assertEquals(0, layout.noiseOffset() % 4);
    }

    @Test
    void signsAreBalanced() {
        Dataset data = SyntheticGenerator.generate(SyntheticSpec.withSnr(4000, 1, 1, 1, 4, 5), 2);
        int plus = 0;
        for (int l : data.trueLabels()) if (l == 0) plus++;
        assertEquals(2000, plus, 4 * Math.sqrt(1000)); // 4 standard deviations of Binomial(4000, 1/2)
    }
}
