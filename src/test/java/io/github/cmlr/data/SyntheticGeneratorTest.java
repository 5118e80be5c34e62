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
        // the README's table for m = 600, n = 7, d = 3: segments at 0, 4, 604, 604 + 600*7*3, each a multiple of 4
        assertEquals(new SyntheticLayout(0, 4, 604, 13_204, 17_404), layout);
        double[] z = {s.normal(0), s.normal(1), s.normal(2)};
        double zNorm = Math.sqrt(z[0] * z[0] + z[1] * z[1] + z[2] * z[2]);
        for (int k = 0; k < d; k++) assertEquals(z[k] / zNorm * SPEC.snr() * SPEC.sigma(), theta[k], 1e-14);
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
