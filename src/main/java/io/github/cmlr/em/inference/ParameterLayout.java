package io.github.cmlr.em.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * The free-parameter vector in which the observed information is computed, in this order:
 * the coefficients shared by all components (the first {@code sharedColumns} of every block, once),
 * the coefficients {@code beta_k} (K blocks of the d - sharedColumns varying ones), the log standard
 * deviations {@code eta_k = log sigma_k} (K of them, or one when the variance is shared, none when
 * known), and the K-1 log-odds {@code alpha_k = log(pi_k / pi_0)}, k = 1..K-1 (none when the
 * weights are fixed). This is the parameterisation and order flexmix's {@code refit()} uses; the
 * weights carry K-1 free numbers so the covariance is well defined, and the K-th follows by the
 * delta method.
 *
 * @param components     K
 * @param dim            d (coefficients per component, the intercept and the shared ones included)
 * @param sharedVariance one sigma for all components
 * @param knownVariance  sigmas fixed (not estimated)
 * @param fixedWeights   weights fixed (not estimated)
 * @param sharedColumns  how many leading coefficients all components share (0 = none)
 * @param priorTerms     terms of the concomitant model of the weights (1 without one): the weights'
 *                       parameters are then the K-1 blocks {@code gamma_k} of that many terms, in
 *                       place of the log-odds (which are the one-term case)
 */
public record ParameterLayout(int components, int dim, boolean sharedVariance, boolean knownVariance,
                              boolean fixedWeights, int sharedColumns, int priorTerms) {

    public ParameterLayout {
        if (components < 1 || dim < 1) throw new IllegalArgumentException("K and d must be >= 1");
        if (sharedColumns < 0 || sharedColumns >= dim) throw new IllegalArgumentException("sharedColumns " + sharedColumns);
        if (priorTerms < 1) throw new IllegalArgumentException("priorTerms must be >= 1");
    }

    /** A layout without shared coefficients or a concomitant model. */
    public ParameterLayout(int components, int dim, boolean sharedVariance, boolean knownVariance, boolean fixedWeights) {
        this(components, dim, sharedVariance, knownVariance, fixedWeights, 0, 1);
    }

    /** A layout without a concomitant model. */
    public ParameterLayout(int components, int dim, boolean sharedVariance, boolean knownVariance, boolean fixedWeights,
                           int sharedColumns) {
        this(components, dim, sharedVariance, knownVariance, fixedWeights, sharedColumns, 1);
    }

    /** Number of log-sigma parameters. */
    public int varianceParams() {
        if (knownVariance) return 0;
        return sharedVariance ? 1 : components;
    }

    /** Number of weight log-odds. */
    public int weightParams() {
        return fixedWeights ? 0 : (components - 1) * priorTerms;
    }

    /** Number of coefficient parameters: the shared ones once, the varying ones per component. */
    public int coefficientParams() {
        return sharedColumns + components * (dim - sharedColumns);
    }

    /** Size P of the free-parameter vector (also the "df" of AIC/BIC). */
    public int size() {
        return coefficientParams() + varianceParams() + weightParams();
    }

    /** Index of coefficient i of component k (a shared coefficient has one index for every k). */
    public int beta(int k, int i) {
        return i < sharedColumns ? i : sharedColumns + k * (dim - sharedColumns) + i - sharedColumns;
    }

    /** Index of eta for component k, or -1 when the variance is known. */
    public int logSigma(int k) {
        if (knownVariance) return -1;
        return coefficientParams() + (sharedVariance ? 0 : k);
    }

    /** Index of alpha_k (k >= 1; with a concomitant model, gamma_k's first term), or -1 for k = 0 and for fixed weights. */
    public int logOdds(int k) {
        if (fixedWeights || k == 0) return -1;
        return coefficientParams() + varianceParams() + (k - 1) * priorTerms;
    }

    /** Index of gamma_k's term t (k >= 1), or -1 for k = 0 and for fixed weights. */
    public int concomitant(int k, int t) {
        int a = logOdds(k);
        return a < 0 ? -1 : a + t;
    }

    /** Human-readable names, e.g. {@code shared[0]}, {@code beta[1][0]}, {@code log_sigma[1]}, {@code alpha[1]}. */
    public List<String> names() {
        List<String> out = new ArrayList<>(size());
        for (int i = 0; i < sharedColumns; i++) out.add("shared[" + i + "]");
        for (int k = 0; k < components; k++) {
            for (int i = sharedColumns; i < dim; i++) out.add("beta[" + k + "][" + i + "]");
        }
        if (!knownVariance) {
            if (sharedVariance) out.add("log_sigma");
            else for (int k = 0; k < components; k++) out.add("log_sigma[" + k + "]");
        }
        if (fixedWeights) return out;
        for (int k = 1; k < components; k++) {
            if (priorTerms == 1) out.add("alpha[" + k + "]");
            else for (int t = 0; t < priorTerms; t++) out.add("gamma[" + k + "][" + t + "]");
        }
        return out;
    }
}
