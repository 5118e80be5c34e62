package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.flexmix.FlexmixFixture;
import io.github.cmlr.flexmix.GroupedSample;
import io.github.cmlr.linalg.Cholesky;
import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import org.junit.jupiter.api.Test;

/** K = 1 in {@link MultiStart}: one run, at the closed-form maximum (pooled least squares), whatever the starts asked. */
class OneComponentFitTest {
    @Test
    void oneRunAtThePooledLeastSquares() {
        Dataset data = GroupedSample.generate(StartsSplitTest.THREE, 50, 1, 9, true, 8L);
        NodeStats stats = FlexmixFixture.stats(data);
        int d = stats.dim();
        double[] g = stats.totalGram();
        double[] s = new double[d];
        double q = 0;
        for (int j = 0; j < stats.nodes(); j++) {
            for (int i = 0; i < d; i++) s[i] += stats.xty()[j * d + i];
            q += stats.yty()[j];
        }
        double[] beta = Cholesky.factor(g, d).solve(s);
        double n = stats.totalCount();
        double s2 = (q - Dense.dot(beta, 0, s, 0, d)) / n;
        double ll = -0.5 * n * (Math.log(2 * Math.PI * s2) + 1);
        try (CpuBackend cpu = new CpuBackend(2); UnitOps units = cpu.nodeUnits(stats)) {
            MultiStart.Result r = MultiStart.fit(units, stats, 1, 10, 3, MixtureOptions.defaults(), StoppingRule.defaults());
            assertEquals(1, r.allLogLiks().length);
            assertEquals(0, r.candidates());
            assertEquals(MultiStart.ONE_COMPONENT, r.startKinds()[0]);
            assertArrayEquals(beta, r.best().params().beta(0), 1e-9);
            assertEquals(s2, r.best().params().sigma2(0), 1e-9 * s2);
            assertEquals(ll, r.best().logLik(), 1e-9 * Math.abs(ll));
        }
    }
}
