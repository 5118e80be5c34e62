package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymmetricEmTest {

    /**
     * The paper's claim: from the ball, SNR 4, n >= 20, clustered EM reaches the oracle's error
     * (within a few percent) in at most 3 iterations; standard EM needs more on the same data.
     */
    @ParameterizedTest
    @CsvSource({"200,20,5,1", "100,50,10,2", "400,25,3,3", "50,100,20,4"})
    void clusteredReachesOracleInThreeIterations(int m, int n, int d, long seed) {
        SyntheticSpec spec = SyntheticSpec.withSnr(m, n, d, 1.0, 4.0, seed);
        try (CpuBackend cpu = new CpuBackend(2)) {
            Dataset data = cpu.generate(spec);
            NodeStats stats = cpu.nodeStats(data);
            double[] star = SyntheticGenerator.thetaStar(spec);
            double oracle = Errors.signInvariant(Oracle.estimate(stats, data.trueLabels()), star);
            double[] start = Initializers.ball(star, Initializers.PAPER_RADIUS, seed + 100);
            StoppingRule rule = StoppingRule.iterations(50).withTarget(1.03 * oracle);
            FitResult clustered;
            FitResult standard;
            try (UnitOps nodes = cpu.nodeUnits(stats); UnitOps samples = cpu.sampleUnits(data)) {
                clustered = SymmetricEm.run(nodes, start, 1.0, rule, star);
                standard = SymmetricEm.run(samples, start, 1.0, rule, star);
            }
            assertEquals(StopReason.TARGET_ERROR, clustered.reason(), () -> "trace " + clustered.trace());
            assertTrue(clustered.iterations() <= 3, () -> "clustered took " + clustered.iterations());
            assertTrue(standard.iterations() > clustered.iterations(),
                    () -> "standard " + standard.iterations() + " vs clustered " + clustered.iterations());
        }
    }
}
