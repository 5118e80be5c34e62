package io.github.cmlr.api;

import io.github.cmlr.em.inference.ParameterLayout;
import io.github.cmlr.em.inference.StandardErrors;
import java.util.List;
import java.util.Map;

/**
 * The fitted concomitant model of the mixing weights (flexmix's {@code FLXPmultinom}):
 * {@code pi_jk = softmax_k(z_j^T gamma_k)}, the first component (in cmlr's order) the baseline
 * with {@code gamma_1 = 0}, as flexmix reports it.
 *
 * @param formula        the one-sided formula as given
 * @param terms          the terms' names (model.matrix columns)
 * @param levels         the factor levels of its variables (baseline first)
 * @param coefficients   K x terms, row-major, row 0 zero
 * @param standardErrors K x terms (row 0 zero), or null when not computed or unavailable
 */
public record ConcomitantFit(String formula, List<String> terms, Map<String, List<String>> levels, double[] coefficients,
                             double[] standardErrors) {

    public ConcomitantFit {
        terms = List.copyOf(terms);
        levels = Map.copyOf(levels);
        coefficients = coefficients.clone();
        standardErrors = standardErrors == null ? null : standardErrors.clone();
    }

    /** The errors of the coefficients from the analytic errors' covariance, or null without one. */
    static double[] standardErrors(StandardErrors errors, int components, int terms) {
        if (errors == null || errors.covariance() == null) return null;
        ParameterLayout layout = errors.layout();
        int p = layout.size();
        double[] se = new double[components * terms];
        for (int k = 1; k < components; k++) {
            for (int t = 0; t < terms; t++) {
                int i = layout.concomitant(k, t);
                se[k * terms + t] = Math.sqrt(Math.max(0.0, errors.covariance()[i * p + i]));
            }
        }
        return se;
    }

    public int components() { return coefficients.length / terms.size(); }

    public double coefficient(int k, int t) { return coefficients[k * terms.size() + t]; }

    @Override
    public double[] coefficients() { return coefficients.clone(); }

    @Override
    public double[] standardErrors() { return standardErrors == null ? null : standardErrors.clone(); }
}
