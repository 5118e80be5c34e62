package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;
import org.junit.jupiter.api.Test;

class SymmetricEmPropertiesTest {

    @Test
    void logLikelihoodNeverDecreasesClusteredAndStandard() {
        SyntheticSpec spec = SyntheticSpec.withSnr(150, 10, 4, 1.0, 2.0, 17);
        try (CpuBackend cpu = new CpuBackend(2)) {
            Dataset data = cpu.generate(spec);
            double[] star = SyntheticGenerator.thetaStar(spec);
            double[] start = Initializers.ball(star, 0.8, 3);
            try (UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(data)); UnitOps samples = cpu.sampleUnits(data)) {
                MixtureEmTest.assertMonotone(SymmetricEm.run(nodes, start, 1.0, StoppingRule.iterations(40), star).trace());
                MixtureEmTest.assertMonotone(SymmetricEm.run(samples, start, 1.0, StoppingRule.iterations(40), star).trace());
            }
        }
    }

    /** Final error ~ sqrt(d/(mn)): log-log slope over mn = 2,000 .. 32,000, averaged over 4 seeds. */
    @Test
    void finalErrorShrinksLikeInverseSqrtOfSamples() {
        int[] ms = {100, 200, 400, 800, 1600};
        int n = 20;
        int d = 5;
        double[] logMn = new double[ms.length];
        double[] logErr = new double[ms.length];
        try (CpuBackend cpu = new CpuBackend(2)) {
            for (int i = 0; i < ms.length; i++) {
                double sum = 0;
                for (long seed = 1; seed <= 4; seed++) {
                    SyntheticSpec spec = SyntheticSpec.withSnr(ms[i], n, d, 1.0, 4.0, 1000 * seed + i);
                    double[] star = SyntheticGenerator.thetaStar(spec);
                    try (UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(cpu.generate(spec)))) {
                        FitResult f = SymmetricEm.run(nodes, Initializers.ball(star, Initializers.PAPER_RADIUS, seed),
                                1.0, new StoppingRule(30, 1e-10, 0, Double.NaN), star);
                        sum += f.finalError();
                    }
                }
                logMn[i] = Math.log((double) ms[i] * n);
                logErr[i] = Math.log(sum / 4);
            }
        }
        double slope = slope(logMn, logErr);
        assertTrue(slope >= -0.6 && slope <= -0.4, "slope " + slope);
    }

    private static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    /**
     * The general E-step at beta = (theta, -theta), equal weights and sigma: gamma_1 - gamma_2 = tanh
     * weight, unit by unit. SNR 0.5 and n = 4 keep n SNR^2 near 1, so most node weights lie well
     * inside (-1, 1) (at SNR 1.5, n = 8 all but 2 of 300 were +-1 and the comparison proved little).
     */
    @Test
    void generalPosteriorDifferenceIsTheTanhWeight() {
        SyntheticSpec spec = SyntheticSpec.withSnr(300, 4, 3, 1.5, 0.5, 23);
        try (CpuBackend cpu = new CpuBackend(2)) {
            Dataset data = cpu.generate(spec);
            double[] theta = Initializers.ball(SyntheticGenerator.thetaStar(spec), 0.5, 1);
            double s2 = 1.5 * 1.5;
            try (UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(data)); UnitOps samples = cpu.sampleUnits(data)) {
                for (UnitOps u : new UnitOps[] {nodes, samples}) {
                    double[] w = new double[u.units()];
                    u.symmetricWeights(theta, s2, w);
                    double[] gamma = new double[2 * u.units()];
                    u.posteriors(MixtureParams.symmetric(theta, s2), gamma, null);
                    int open = 0; // weights away from +-1, where a wrong scale inside tanh would show
                    for (int j = 0; j < u.units(); j++) {
                        assertEquals(w[j], gamma[2 * j] - gamma[2 * j + 1], 1e-12);
                        if (Math.abs(w[j]) < 0.9) open++;
                    }
                    assertTrue(open > u.units() / 3, open + " of " + u.units() + " weights inside (-0.9, 0.9)");
                }
            }
        }
    }

    @Test
    void fitsAreBitwiseIdenticalWithOneAndTwoThreads() {
        SyntheticSpec spec = SyntheticSpec.withSnr(600, 10, 4, 1.0, 3.0, 31); // 3 node blocks, 2 sample blocks
        double[] star = SyntheticGenerator.thetaStar(spec);
        double[] start = Initializers.ball(star, 0.3, 5);
        FitResult[] fits = new FitResult[4];
        for (int t = 1; t <= 2; t++) {
            try (CpuBackend cpu = new CpuBackend(t)) {
                Dataset data = cpu.generate(spec);
                try (UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(data)); UnitOps samples = cpu.sampleUnits(data)) {
                    fits[2 * (t - 1)] = SymmetricEm.run(nodes, start, 1.0, StoppingRule.iterations(8), star);
                    fits[2 * (t - 1) + 1] = SymmetricEm.run(samples, start, 1.0, StoppingRule.iterations(8), star);
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(fits[k].theta(), fits[k + 2].theta());
            assertArrayEquals(fits[k].posteriors(), fits[k + 2].posteriors());
            assertEquals(fits[k].trace(), fits[k + 2].trace());
        }
    }

    /** With n = 1 the clustered and the standard step coincide. */
    @Test
    void oneSamplePerNodeMakesBothAlgorithmsCoincide() {
        SyntheticSpec spec = SyntheticSpec.withSnr(500, 1, 3, 1.0, 4.0, 2);
        try (CpuBackend cpu = new CpuBackend(2)) {
            Dataset data = cpu.generate(spec);
            double[] theta = Initializers.ball(SyntheticGenerator.thetaStar(spec), 0.2, 9);
            try (UnitOps nodes = cpu.nodeUnits(cpu.nodeStats(data)); UnitOps samples = cpu.sampleUnits(data)) {
                assertArrayEquals(SymmetricEm.step(nodes, theta, 1.0), SymmetricEm.step(samples, theta, 1.0), 1e-12);
            }
        }
    }

    /** Huge nodes: <s_j, theta>/sigma^2 in the thousands; weights are exactly +-1, never NaN. */
    @Test
    void posteriorUnderflowWithHugeNodes() {
        SyntheticSpec spec = SyntheticSpec.withSnr(6, 40_000, 2, 0.1, 5.0, 4);
        try (CpuBackend cpu = new CpuBackend(2)) {
            Dataset data = cpu.generate(spec);
            NodeStats stats = cpu.nodeStats(data);
            double[] star = SyntheticGenerator.thetaStar(spec);
            try (UnitOps nodes = cpu.nodeUnits(stats)) {
                FitResult f = SymmetricEm.run(nodes, Initializers.ball(star, 0.5, 1), 0.01, StoppingRule.iterations(5), star);
                assertTrue(Double.isFinite(f.logLik()));
                for (int j = 0; j < 6; j++) { // exactly +-1, matching the true signs up to the global sign
                    assertEquals(Math.abs(f.posteriors()[j]), 1.0, 0.0);
                    assertEquals(f.posteriors()[0] * f.posteriors()[j], data.trueLabels()[0] == data.trueLabels()[j] ? 1 : -1, 0.0);
                }
                assertTrue(f.finalError() <= 1.0001 * Errors.signInvariant(Oracle.estimate(stats, data.trueLabels()), star));
                double[] gamma = new double[12];
                double ll = nodes.posteriors(MixtureParams.symmetric(f.theta(), 0.01), gamma, null);
                assertTrue(Double.isFinite(ll));
                for (double g : gamma) assertTrue(g == 0.0 || g == 1.0, "posterior " + g);
            }
        }
    }

    @Test
    void ballIsOnTheSphereAndSpectralFindsTheDirection() {
        SyntheticSpec spec = SyntheticSpec.withSnr(400, 20, 6, 1.0, 4.0, 12);
        double[] star = SyntheticGenerator.thetaStar(spec);
        double[] b = Initializers.ball(star, Initializers.PAPER_RADIUS, 77);
        assertEquals(4.0 / 14, io.github.cmlr.linalg.Dense.distance(b, star), 1e-12);
        assertArrayEquals(b, Initializers.ball(star, Initializers.PAPER_RADIUS, 77));
        try (CpuBackend cpu = new CpuBackend(2)) {
            NodeStats stats = cpu.nodeStats(cpu.generate(spec));
            assertTrue(Errors.signInvariant(Initializers.spectral(stats, 1.0), star) < 0.1 * 4, "spectral with sigma");
            assertTrue(Errors.signInvariant(Initializers.spectral(stats), star) < 0.1 * 4, "spectral without sigma");
        }
    }

    /** One clustered EM step equals theta + sigma^2 A^{-1} grad l(theta) (gradient by central differences). */
    @Test
    void stepIsAPreconditionedGradientStepOfTheLogLikelihood() {
        SyntheticSpec spec = SyntheticSpec.withSnr(80, 6, 3, 1.0, 2.0, 41);
        try (CpuBackend cpu = new CpuBackend(1)) {
            NodeStats stats = cpu.nodeStats(cpu.generate(spec));
            try (UnitOps nodes = cpu.nodeUnits(stats)) {
                double[] theta = {0.4, -0.3, 0.9};
                double s2 = 1.0;
                double[] w = new double[nodes.units()];
                double[] grad = new double[3];
                double h = 1e-5;
                for (int i = 0; i < 3; i++) {
                    double[] tp = theta.clone();
                    double[] tm = theta.clone();
                    tp[i] += h;
                    tm[i] -= h;
                    grad[i] = (nodes.symmetricWeights(tp, s2, w) - nodes.symmetricWeights(tm, s2, w)) / (2 * h);
                }
                double[] dir = io.github.cmlr.linalg.Cholesky.factor(nodes.totalGram(), 3).solve(grad);
                double[] next = SymmetricEm.step(nodes, theta, s2);
                for (int i = 0; i < 3; i++) assertEquals(theta[i] + s2 * dir[i], next[i], 1e-6);
            }
        }
    }
}
