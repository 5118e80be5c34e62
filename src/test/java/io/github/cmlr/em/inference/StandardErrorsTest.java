package io.github.cmlr.em.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.flexmix.FlexmixFixture;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StandardErrorsTest {

    static List<String> fixtures() {
        return FlexmixFixture.NAMES;
    }

    private static ParameterLayout layout(FlexmixFixture f) {
        return new ParameterLayout(f.components, f.dim(), f.sharedVariance, false, false);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void logLikelihoodAtFlexmixEstimatesEqualsFlexmixLogLik(String name) {
        FlexmixFixture f = FlexmixFixture.load(name);
        double ll = NodeLogLik.posteriors(f.stats(), f.flexmixReported, null, null);
        assertEquals(f.flexmixLogLik, ll, 1e-9 * Math.abs(f.flexmixLogLik), name);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    /** The issue asks for 10%; the exact Hessian matches flexmix's numerical one to ~1e-6, so 1e-3 is asserted. */
    void analyticErrorsAgreeWithFlexmixRefit(String name) {
        FlexmixFixture f = FlexmixFixture.load(name);
        ParameterLayout layout = layout(f);
        StandardErrors se = StandardErrors.analytic(f.stats(), f.refitParams(), layout, null, 2);
        assertTrue(se.available(), se.warnings().toString());
        List<String> names = layout.names();
        for (int i = 0; i < layout.size(); i++) {
            double ours = Math.sqrt(se.covariance()[i * layout.size() + i]);
            double rel = Math.abs(ours - f.refitSe[i]) / f.refitSe[i];
            assertTrue(rel < 1e-3, name + " " + names.get(i) + ": cmlr " + ours + " vs flexmix " + f.refitSe[i]);
        }
    }

    /** The analytic information equals a central-difference Hessian of the log-likelihood. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void informationMatchesNumericalHessian(String name) {
        FlexmixFixture f = FlexmixFixture.load(name);
        ParameterLayout layout = layout(f);
        NodeStats stats = f.stats();
        double[] theta = f.refitEstimate.clone();
        double[] info = ObservedInformation.compute(stats, f.refitParams(), layout, null, 1);
        int p = layout.size();
        double h = 1e-4;
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double num = -(ll(stats, f, theta, a, h, b, h) - ll(stats, f, theta, a, h, b, -h)
                        - ll(stats, f, theta, a, -h, b, h) + ll(stats, f, theta, a, -h, b, -h)) / (4 * h * h);
                double scale = Math.sqrt(Math.abs(info[a * p + a] * info[b * p + b]));
                assertEquals(num, info[a * p + b], 1e-4 * scale + 1e-6, name + " entry " + a + "," + b);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void deltaMethodWeightErrorsAreConsistent(String name) {
        FlexmixFixture f = FlexmixFixture.load(name);
        MixtureParams p = f.refitParams();
        StandardErrors se = StandardErrors.analytic(f.stats(), p, layout(f), null, 1);
        if (f.components == 2) assertEquals(se.weights()[0], se.weights()[1], 1e-12, "pi_1 = 1 - pi_2");
        for (int k = 0; k < f.components; k++) {
            assertEquals(2 * p.sigma2(k) * se.logSigma()[k], se.sigma2()[k], 1e-12);
            assertTrue(se.weights()[k] > 0 && Double.isFinite(se.weights()[k]));
        }
    }

    /**
     * 17,000 nodes: more than one chunk of 64 blocks of 256 nodes, so two threads really split the
     * work (the fixtures have at most 121 nodes, one block, where the thread count cannot matter).
     */
    @org.junit.jupiter.api.Test
    void resultDoesNotDependOnThreads() {
        MixtureParams truth = new MixtureParams(3, new double[] {1, 2, -1, -1, -0.5, 1.5}, new double[] {0.25, 1.0},
                new double[] {0.3, 0.7});
        NodeStats stats = FlexmixFixture.stats(io.github.cmlr.flexmix.GroupedSample.generate(truth, 17_000, 1, 3, true, 4L));
        ParameterLayout layout = new ParameterLayout(2, 3, false, false, false);
        double[] one = ObservedInformation.compute(stats, truth, layout, null, 1);
        double[] two = ObservedInformation.compute(stats, truth, layout, null, 2);
        assertTrue(java.util.Arrays.equals(one, two));
        assertTrue(one[0] > 0, "information of the first coefficient");
    }

    /**
     * K = 1 is ordinary least squares: at the ML estimate the information is block diagonal and
     * se(beta) = sqrt(diag(sigma_ML^2 (X'X)^-1)), se(log sigma) = 1/sqrt(2N).
     */
    @org.junit.jupiter.api.Test
    void singleComponentIsOrdinaryLeastSquares() {
        FlexmixFixture f = FlexmixFixture.load("k2_separate_intercept");
        NodeStats stats = f.stats();
        int d = f.dim();
        double[] a = stats.totalGram();
        double[] b = new double[d];
        for (int j = 0; j < stats.nodes(); j++) for (int i = 0; i < d; i++) b[i] += stats.xty()[j * d + i];
        double[] inv = SymmetricInverse.invert(a, d);
        double[] beta = new double[d];
        for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) beta[r] += inv[r * d + c] * b[c];
        double n = stats.totalCount();
        double rss = 0;
        for (int j = 0; j < stats.nodes(); j++) {
            double[] one = new double[1];
            NodeLogLik.residuals(stats, j, new MixtureParams(d, beta, new double[] {1}, new double[] {1}), one, null);
            rss += one[0];
        }
        double s2 = rss / n;
        StandardErrors se = StandardErrors.analytic(stats, new MixtureParams(d, beta, new double[] {s2}, new double[] {1}),
                new ParameterLayout(1, d, false, false, false), null, 1);
        for (int i = 0; i < d; i++) assertEquals(Math.sqrt(s2 * inv[i * d + i]), se.beta()[i], 1e-9 * se.beta()[i]);
        assertEquals(1 / Math.sqrt(2 * n), se.logSigma()[0], 1e-9);
        assertEquals(0.0, se.weights()[0]);
    }

    /** Log-likelihood at theta with parameters a and b shifted (theta in the layout's order). */
    private static double ll(NodeStats stats, FlexmixFixture f, double[] theta, int a, double da, int b, double db) {
        double[] t = theta.clone();
        t[a] += da;
        t[b] += db;
        int kk = f.components;
        int d = f.dim();
        double[] beta = java.util.Arrays.copyOf(t, kk * d);
        double[] s2 = new double[kk];
        for (int k = 0; k < kk; k++) s2[k] = Math.exp(2 * t[kk * d + (f.sharedVariance ? 0 : k)]);
        int a0 = kk * d + (f.sharedVariance ? 1 : kk);
        double[] w = new double[kk];
        double sum = 0;
        for (int k = 0; k < kk; k++) {
            w[k] = k == 0 ? 1 : Math.exp(t[a0 + k - 1]);
            sum += w[k];
        }
        for (int k = 0; k < kk; k++) w[k] /= sum;
        return NodeLogLik.posteriors(stats, new MixtureParams(d, beta, s2, w), null, null);
    }
}
