package io.github.cmlr.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.inference.NodePriors;
import io.github.cmlr.em.inference.ObservedInformation;
import io.github.cmlr.em.inference.ParameterLayout;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The concomitant model of the weights: its M-step, its EM and its information, against known answers. */
class ConcomitantEmTest {
    private static final List<String> INTERCEPT_AND_Z = List.of("(Intercept)", "z");

    /** With one binary covariate the weighted logit has a closed form: the log odds within each group. */
    @Test
    void mStepMatchesTheClosedFormOfABinaryCovariate() {
        SplittableRandom rng = new SplittableRandom(3);
        int m = 60;
        double[] z = new double[2 * m];
        double[] tau = new double[2 * m];
        double[][] sums = new double[2][2];
        for (int u = 0; u < m; u++) {
            int g = u % 3 == 0 ? 1 : 0;
            z[2 * u] = 1;
            z[2 * u + 1] = g;
            double t = rng.nextDouble();
            tau[2 * u] = 1 - t;
            tau[2 * u + 1] = t;
            sums[g][0] += 1 - t;
            sums[g][1] += t;
        }
        Concomitant model = new Concomitant(z, INTERCEPT_AND_Z);
        double[] coef = new double[4];
        // the M-step stops after MAX_STEPS Newton steps; EM repeats it, so repeat until it stops moving
        for (int i = 0; i < 5; i++) coef = ConcomitantMStep.maximise(model, tau, 2, coef);
        double a = Math.log(sums[0][1] / sums[0][0]);
        double b = Math.log(sums[1][1] / sums[1][0]) - a;
        assertEquals(0, coef[0]);
        assertEquals(0, coef[1]);
        assertEquals(a, coef[2], 1e-10);
        assertEquals(b, coef[3], 1e-10);
    }

    @Test
    void mStepNeverLowersTheObjectiveAndStaysFiniteUnderSeparation() {
        int m = 20;
        double[] z = new double[2 * m];
        double[] tau = new double[3 * m];
        for (int u = 0; u < m; u++) {
            z[2 * u] = 1;
            z[2 * u + 1] = u - 9.5; // component 2 exactly where z > 0: the maximum is at infinity
            tau[3 * u + (u < 10 ? 0 : 1)] = 0.9;
            tau[3 * u + 2] = 0.1;
        }
        Concomitant model = new Concomitant(z, INTERCEPT_AND_Z);
        double[] coef = new double[6];
        double q = ConcomitantMStep.objective(model, tau, 3, coef);
        for (int i = 0; i < 10; i++) {
            coef = ConcomitantMStep.maximise(model, tau, 3, coef);
            double next = ConcomitantMStep.objective(model, tau, 3, coef);
            assertTrue(next >= q, "objective fell from " + q + " to " + next);
            q = next;
        }
        for (double c : coef) assertTrue(Double.isFinite(c));
    }

    /** z = 1 alone is the plain mixture: the same optimum, df and information (alpha = gamma's intercept). */
    @Test
    void interceptOnlyIsThePlainMixture() {
        Dataset data = MixtureData.generate(MixtureEmTest.BETAS3, MixtureEmTest.SIGMAS3, MixtureData.sizes(60, 10, 30, 2), true, 4);
        MixtureParams start = new MixtureParams(4, perturbed(MixtureEmTest.BETAS3), new double[] {1, 1, 1},
                new double[] {0.5, 0.3, 0.2});
        double[] ones = new double[60];
        java.util.Arrays.fill(ones, 1.0);
        Concomitant intercept = new Concomitant(ones, List.of("(Intercept)"));
        MixtureOptions plain = MixtureOptions.defaults();
        try (CpuBackend cpu = new CpuBackend(2)) {
            NodeStats stats = cpu.nodeStats(data);
            FitResult a;
            FitResult b;
            try (UnitOps nodes = cpu.nodeUnits(stats)) {
                a = MixtureEm.run(nodes, start, plain, StoppingRule.defaults(), null);
                b = MixtureEm.run(nodes, start, plain.withConcomitant(intercept), StoppingRule.defaults(), null);
            }
            assertNull(a.concomitant());
            assertEquals(a.logLik(), b.logLik(), 1e-9 * Math.abs(a.logLik()));
            assertEquals(0, a.params().maxAbsDiff(b.params()), 1e-6);
            for (int c = 1; c < 3; c++) {
                assertEquals(Math.log(a.params().weight(c) / a.params().weight(0)), b.concomitant()[c], 1e-6);
            }
            assertEquals(MixtureEm.freeParameters(3, 4, plain), MixtureEm.freeParameters(3, 4, plain.withConcomitant(intercept)));
            ParameterLayout layout = new ParameterLayout(3, 4, false, false, false);
            double[] infoPlain = ObservedInformation.compute(stats, a.params(), layout, null, 1);
            double[] infoPriors = ObservedInformation.compute(stats, a.params(), layout, null, 1,
                    new NodePriors(intercept, intercept.startCoefficients(a.params().weights())));
            for (int i = 0; i < infoPlain.length; i++) {
                assertEquals(infoPlain[i], infoPriors[i], 1e-9 * (1 + Math.abs(infoPlain[i])), "information entry " + i);
            }
        }
    }

    /**
     * Nodes whose component follows a logit of a node covariate: EM with the concomitant model
     * climbs monotonically and recovers the logit's coefficients within 4 of their standard errors.
     */
    @Test
    void recoversTheLogitOfANodeCovariate() {
        int m = 300;
        double[] trueGamma = {0, 0, -0.5, 1.5};
        SplittableRandom rng = new SplittableRandom(17);
        double[] z = new double[2 * m];
        int[] label = new int[m];
        for (int j = 0; j < m; j++) {
            z[2 * j] = 1;
            z[2 * j + 1] = rng.nextGaussian();
            double p = 1 / (1 + Math.exp(-(trueGamma[2] + trueGamma[3] * z[2 * j + 1])));
            label[j] = rng.nextDouble() < p ? 1 : 0;
        }
        Dataset data = labelled(label, new double[] {1, 2, -1, 0.5}, 8, rng);
        Concomitant model = new Concomitant(z, INTERCEPT_AND_Z);
        MixtureOptions options = MixtureOptions.defaults().withConcomitant(model);
        try (CpuBackend cpu = new CpuBackend(2)) {
            NodeStats stats = cpu.nodeStats(data);
            MultiStart.Result r;
            try (UnitOps nodes = cpu.nodeUnits(stats)) {
                r = MultiStart.fit(nodes, stats, 2, 4, 9, options, StoppingRule.defaults());
            }
            FitResult best = r.best();
            for (int i = 1; i < best.trace().size(); i++) {
                double prev = best.trace().get(i - 1).logLik();
                assertTrue(best.trace().get(i).logLik() >= prev - 1e-9 * Math.abs(prev), "log-likelihood fell at " + i);
            }
            double sign = best.params().beta(0, 1) > 1.25 ? 1 : -1; // +1 when component 0 is the one of slope 2 (the other's is 0.5)
            ParameterLayout layout = new ParameterLayout(2, 2, false, false, false, 0, 2);
            StandardErrors se = StandardErrors.analytic(stats, best.params(), layout, null, 2,
                    new NodePriors(model, best.concomitant()));
            int p = layout.size();
            for (int t = 0; t < 2; t++) {
                int i = layout.concomitant(1, t);
                double err = Math.sqrt(se.covariance()[i * p + i]);
                assertTrue(err > 0.05 && err < 1, "standard error " + err);
                assertEquals(trueGamma[2 + t], sign * best.concomitant()[2 + t], 4 * err, "gamma term " + t);
            }
            assertEquals(2 * 2 + 2 + 2, MixtureEm.freeParameters(2, 2, options));
        }
    }

    /** Nodes of n rows, y = x^T beta_label + N(0, 0.5^2), x = (1, N(0,1)). */
    private static Dataset labelled(int[] label, double[] betas, int n, SplittableRandom rng) {
        int m = label.length;
        int[] offsets = new int[m + 1];
        double[] x = new double[m * n * 2];
        double[] y = new double[m * n];
        for (int j = 0; j < m; j++) {
            offsets[j + 1] = offsets[j] + n;
            for (int r = offsets[j]; r < offsets[j + 1]; r++) {
                x[2 * r] = 1;
                x[2 * r + 1] = rng.nextGaussian();
                y[r] = betas[2 * label[j]] + betas[2 * label[j] + 1] * x[2 * r + 1] + 0.5 * rng.nextGaussian();
            }
        }
        return new Dataset(2, offsets, x, y, null, label);
    }

    private static double[] perturbed(double[] b) {
        double[] out = b.clone();
        for (int i = 0; i < out.length; i++) out[i] += 0.3 * Math.sin(i + 1.0);
        return out;
    }
}
