package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.SyntheticSpec;
import org.junit.jupiter.api.Test;

/** The oracle (labels known) is the statistical floor the EM tests compare against. */
class OracleTest {

    /** Without noise the oracle returns theta* itself, with the sign of label 0 (xi = +1). */
    @Test
    void noiseFreeDataGiveThetaStarExactly() {
        double[] star = {1.5, -2, 0.25};
        SyntheticSpec spec = SyntheticSpec.withTheta(50, 4, 3, 1e-12, star, 8);
        try (CpuBackend cpu = new CpuBackend(1)) {
            Dataset data = cpu.generate(spec);
            assertArrayEquals(star, Oracle.estimate(cpu.nodeStats(data), data.trueLabels()), 1e-9);
        }
    }

    /**
     * With noise, E||theta_or - theta*||^2 = sigma^2 E tr(A^-1) = sigma^2 d / (mn - d - 1) for
     * Gaussian x: the mean over 60 seeds (300 chi-square degrees of freedom, relative SD ~8%) lies
     * within 30% of it.
     */
    @Test
    void meanSquaredErrorIsTheLeastSquaresFloor() {
        int m = 100;
        int n = 10;
        int d = 5;
        double sigma = 2;
        double sum = 0;
        int seeds = 60;
        try (CpuBackend cpu = new CpuBackend(2)) {
            for (long seed = 1; seed <= seeds; seed++) {
                SyntheticSpec spec = SyntheticSpec.withSnr(m, n, d, sigma, 4, seed);
                Dataset data = cpu.generate(spec);
                double e = Errors.signInvariant(Oracle.estimate(cpu.nodeStats(data), data.trueLabels()),
                        io.github.cmlr.data.SyntheticGenerator.thetaStar(spec));
                sum += e * e;
            }
        }
        double expected = sigma * sigma * d / (m * n - d - 1.0);
        assertEquals(1.0, sum / seeds / expected, 0.3);
    }
}
