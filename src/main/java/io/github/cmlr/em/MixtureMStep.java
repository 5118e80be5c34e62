package io.github.cmlr.em;

import io.github.cmlr.linalg.Cholesky;
import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.MixtureParams;
import java.util.ArrayList;
import java.util.List;

/**
 * The M-step of {@link MixtureEm} from the component sums: beta_k by a Cholesky solve of
 * (sum_u gamma_uk G_u) beta_k = sum_u gamma_uk s_u, sigma_k^2 = weighted RSS / weighted count
 * (pooled when shared), pi_k = weight share, each unless held fixed by the options; with shared
 * coefficients one joint solve for all components ({@link SharedCoefficients}). Problems are
 * returned as {@link Issue}s; the caller applies the {@link DegeneracyPolicy}.
 */
final class MixtureMStep {
    /** Ridge (relative to the mean diagonal) used to keep a component alive under FLOOR. */
    static final double FLOOR_RIDGE = 1e-10;

    enum Kind { LOST_WEIGHT, SINGULAR, VARIANCE_COLLAPSED, TOO_FEW_ROWS }

    /** A degenerate component: its position among the active components and what went wrong. */
    record Issue(int position, Kind kind, String detail) {}

    /** The new parameters (already floored / ridged where FLOOR applies) and the issues found. */
    record Outcome(double[] beta, double[] sigma2, double[] weights, List<Issue> issues) {}

    private MixtureMStep() {}

    /**
     * @param prev        the parameters before the step (fallback for a component whose equations
     *                    cannot be solved even with a ridge)
     * @param fixedWeights active components' fixed weights, or null
     * @param knownSigma2  active components' known variances, or null
     * @param totalUnits   number of units (for weight shares)
     */
    static Outcome compute(ComponentSums sums, MixtureParams prev, MixtureOptions options, double[] fixedWeights,
                           double[] knownSigma2, int totalUnits) {
        int k = sums.components;
        int d = sums.dim;
        List<Issue> issues = new ArrayList<>();
        List<Issue> jointIssues = new ArrayList<>(); // after each component's own, as the per-component solve reports them
        int shared = options.sharedColumns();
        double[] beta = shared == 0 ? new double[k * d]
                : SharedCoefficients.solve(sums, shared, prev.sigma2(), prev.betaFlat(), jointIssues);
        double[] rss = new double[k];
        double[] share = new double[k];
        for (int c = 0; c < k; c++) {
            share[c] = sums.weight[c] / totalUnits;
            if (!(share[c] >= options.minWeight()) || !(sums.count[c] > 0)) {
                issues.add(new Issue(c, Kind.LOST_WEIGHT, String.format("weight share %.3g < minWeight %.3g",
                        share[c], options.minWeight())));
            }
            double minRows = options.bounds().minRows(d);
            if (sums.count[c] > 0 && sums.count[c] < minRows) {
                issues.add(new Issue(c, Kind.TOO_FEW_ROWS, String.format("expected rows %.3g below %.3g (minRowsPerParameter"
                        + " %.3g x (%d coefficients + variance))", sums.count[c], minRows, options.bounds().minRowsPerParameter(), d)));
            }
            if (shared == 0) System.arraycopy(solveComponent(sums, c, prev, issues), 0, beta, c * d, d);
            rss[c] = sums.weightedRss(c, java.util.Arrays.copyOfRange(beta, c * d, (c + 1) * d));
        }
        issues.addAll(jointIssues);
        double[] sigma2 = variances(sums, rss, options, knownSigma2, prev, issues);
        double[] weights = weights(share, options, fixedWeights);
        return new Outcome(beta, sigma2, weights, issues);
    }

    /** Solves component c's normal equations; when singular, reports it and uses a tiny ridge or the previous beta. */
    private static double[] solveComponent(ComponentSums sums, int c, MixtureParams prev, List<Issue> issues) {
        int d = sums.dim;
        double[] g = java.util.Arrays.copyOfRange(sums.gram, c * d * d, (c + 1) * d * d);
        double[] s = java.util.Arrays.copyOfRange(sums.xty, c * d, (c + 1) * d);
        Cholesky chol = Cholesky.factor(g, d);
        if (chol != null) return chol.solve(s);
        issues.add(new Issue(c, Kind.SINGULAR, "weighted normal equations are singular"));
        if (!(sums.weight[c] > 0)) return prev.beta(c); // no data at all: keep the coefficients
        Cholesky ridged = Cholesky.factorWithRidge(g, d, FLOOR_RIDGE);
        return ridged != null ? ridged.solve(s) : prev.beta(c);
    }

    /** Variances; a component without any weighted rows keeps its previous variance (nothing to estimate it from). */
    private static double[] variances(ComponentSums sums, double[] rss, MixtureOptions options, double[] known,
                                      MixtureParams prev, List<Issue> issues) {
        int k = sums.components;
        if (known != null) return known.clone();
        double floor = varianceFloor(sums, options);
        double[] s2 = new double[k];
        if (options.sharedVariance()) {
            double r = 0;
            double n = 0;
            for (int c = 0; c < k; c++) {
                r += rss[c];
                n += sums.count[c];
            }
            java.util.Arrays.fill(s2, n > 0 ? r / n : 0);
        } else {
            for (int c = 0; c < k; c++) s2[c] = sums.count[c] > 0 ? rss[c] / sums.count[c] : prev.sigma2(c);
            s2 = VarianceRatio.constrain(s2, sums.count, options.bounds().minVarianceRatio());
        }
        for (int c = 0; c < k; c++) {
            if (!(s2[c] >= floor)) {
                issues.add(new Issue(c, Kind.VARIANCE_COLLAPSED, String.format("variance %.3g below floor %.3g",
                        s2[c], floor)));
                s2[c] = floor;
            }
        }
        return s2;
    }

    /** varianceFloor * mean of y^2 over all rows (the gamma rows sum to one, so the sums hold it). */
    static double varianceFloor(ComponentSums sums, MixtureOptions options) {
        double q = 0;
        double n = 0;
        for (int c = 0; c < sums.components; c++) {
            q += sums.yty[c];
            n += sums.count[c];
        }
        double meanSq = n > 0 ? q / n : 0;
        return Math.max(options.varianceFloor() * meanSq, Double.MIN_NORMAL);
    }

    /** Fixed weights, or the shares floored at minWeight and renormalised. */
    private static double[] weights(double[] share, MixtureOptions options, double[] fixed) {
        if (fixed != null) return normalised(fixed.clone());
        double[] w = share.clone();
        for (int c = 0; c < w.length; c++) w[c] = Math.max(w[c], options.minWeight());
        return normalised(w);
    }

    static double[] normalised(double[] w) {
        double s = 0;
        for (double v : w) s += v;
        for (int c = 0; c < w.length; c++) w[c] /= s;
        return w;
    }
}
