package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.inference.NodeLogLik;
import io.github.cmlr.em.inference.ObservedInformation;
import io.github.cmlr.em.inference.ParameterLayout;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The joint M-step of shared coefficients ({@link SharedCoefficients}): with one component it is
 * ordinary least squares; with unequal variances the ECM iteration never lowers the likelihood,
 * keeps the shared coefficients equal and recovers the truth; results do not depend on threads;
 * and the observed information in the shared layout is the Hessian of the log-likelihood.
 */
class SharedCoefficientsTest {
    /** Column 0 is shared (1.5 in both), columns 1 and 2 vary; variances differ ninefold. */
    private static final double[] BETAS = {1.5, 2, -1, 1.5, -2, 1};
    private static final double[] SIGMAS = {0.5, 1.5};
    private static final MixtureOptions SHARED = MixtureOptions.defaults().withSharedColumns(1);

    private static Dataset data() {
        return MixtureData.generate(BETAS, SIGMAS, MixtureData.sizes(120, 5, 25, 7), false, 13);
    }

    private static final MixtureParams START = new MixtureParams(3, new double[] {0.5, 1, 0, 0.5, -1, 0}, new double[] {1, 1},
            new double[] {0.5, 0.5});

    @Test
    void oneComponentIsOrdinaryLeastSquares() {
        Dataset data = data();
        MixtureParams one = new MixtureParams(3, new double[] {0, 0, 0}, new double[] {1}, new double[] {1});
        try (CpuBackend cpu = new CpuBackend(2); UnitOps units = cpu.nodeUnits(cpu.nodeStats(data))) {
            FitResult plain = MixtureEm.run(units, one, MixtureOptions.defaults(), StoppingRule.defaults(), null);
            FitResult shared = MixtureEm.run(units, one, SHARED, StoppingRule.defaults(), null);
            assertArrayEquals(plain.params().betaFlat(), shared.params().betaFlat(), 1e-12);
            assertEquals(plain.params().sigma2(0), shared.params().sigma2(0), 1e-12);
        }
    }

    @Test
    void ecmNeverLowersTheLikelihoodAndRecoversTheSharedTruth() {
        Dataset data = data();
        try (CpuBackend cpu = new CpuBackend(2); UnitOps units = cpu.nodeUnits(cpu.nodeStats(data))) {
            FitResult r = MixtureEm.run(units, START, SHARED, new StoppingRule(2000, 1e-12, 1e-14, Double.NaN), null);
            List<IterationRecord> trace = r.trace();
            for (int i = 1; i < trace.size(); i++) {
                double before = trace.get(i - 1).logLik();
                assertTrue(trace.get(i).logLik() >= before - 1e-10 * Math.abs(before), "iteration " + i + " lowered the likelihood");
            }
            MixtureParams p = r.params();
            assertEquals(p.beta(0, 0), p.beta(1, 0), 0.0, "shared coefficient equal in both components");
            int[] perm = Errors.bestPermutation(p.betaFlat(), BETAS, 3);
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < 3; i++) assertEquals(BETAS[k * 3 + i], p.beta(perm[k], i), 0.1, "component " + k + " coef " + i);
                assertEquals(SIGMAS[k] * SIGMAS[k], p.sigma2(perm[k]), 0.2 * SIGMAS[k] * SIGMAS[k]);
            }
            assertEquals(8, MixtureEm.freeParameters(2, 3, SHARED), "1 shared + 2 x 2 varying + 2 variances + 1 weight");
        }
    }

    @Test
    void resultDoesNotDependOnThreads() {
        Dataset data = data();
        double[] reference = null;
        for (int threads : new int[] {1, 3}) {
            try (CpuBackend cpu = new CpuBackend(threads); UnitOps units = cpu.nodeUnits(cpu.nodeStats(data))) {
                double[] b = MixtureEm.run(units, START, SHARED, StoppingRule.defaults(), null).params().betaFlat();
                if (reference == null) reference = b;
                else assertArrayEquals(reference, b, 0.0, threads + " threads");
            }
        }
    }

    /** The analytic information in the shared layout equals a central-difference Hessian of the log-likelihood. */
    @Test
    void informationInTheSharedLayoutIsTheHessian() {
        Dataset data = data();
        MixtureParams fit;
        NodeStats stats;
        try (CpuBackend cpu = new CpuBackend(2)) {
            stats = cpu.nodeStats(data);
            try (UnitOps units = cpu.nodeUnits(stats)) {
                fit = MixtureEm.run(units, START, SHARED, new StoppingRule(2000, 1e-12, 1e-14, Double.NaN), null).params();
            }
        }
        ParameterLayout layout = new ParameterLayout(2, 3, false, false, false, 1);
        assertEquals(List.of("shared[0]", "beta[0][1]", "beta[0][2]", "beta[1][1]", "beta[1][2]", "log_sigma[0]", "log_sigma[1]",
                "alpha[1]"), layout.names());
        double[] theta = thetaOf(fit, layout);
        double[] info = ObservedInformation.compute(stats, fit, layout, null, 1);
        int p = layout.size();
        double h = 1e-4;
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double num = -(ll(stats, layout, theta, a, h, b, h) - ll(stats, layout, theta, a, h, b, -h)
                        - ll(stats, layout, theta, a, -h, b, h) + ll(stats, layout, theta, a, -h, b, -h)) / (4 * h * h);
                double scale = Math.sqrt(Math.abs(info[a * p + a] * info[b * p + b]));
                assertEquals(num, info[a * p + b], 1e-4 * scale + 1e-6, "entry " + a + "," + b);
            }
        }
    }

    private static double[] thetaOf(MixtureParams m, ParameterLayout layout) {
        double[] t = new double[layout.size()];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 3; i++) t[layout.beta(k, i)] = m.beta(k, i);
            t[layout.logSigma(k)] = 0.5 * Math.log(m.sigma2(k));
        }
        t[layout.logOdds(1)] = Math.log(m.weight(1) / m.weight(0));
        return t;
    }

    private static double ll(NodeStats stats, ParameterLayout layout, double[] theta, int a, double da, int b, double db) {
        double[] t = theta.clone();
        t[a] += da;
        t[b] += db;
        double[] beta = new double[6];
        double[] s2 = new double[2];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 3; i++) beta[k * 3 + i] = t[layout.beta(k, i)];
            s2[k] = Math.exp(2 * t[layout.logSigma(k)]);
        }
        double e = Math.exp(t[layout.logOdds(1)]);
        return NodeLogLik.posteriors(stats, new MixtureParams(3, beta, s2, new double[] {1 / (1 + e), e / (1 + e)}), null, null);
    }
}
