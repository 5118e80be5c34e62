package io.github.cmlr.em.inference;

import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard errors of every coefficient, variance and weight of a grouped fit.
 *
 * <p>{@code covariance} is the inverse observed information in the free parameterisation of
 * {@code layout} (beta, log sigma, weight log-odds). The reported errors follow by the delta
 * method: {@code se(sigma_k^2) = 2 sigma_k^2 se(eta_k)}, and for the weights
 * {@code Cov(pi) = J Cov(alpha) J^T} with {@code J_kc = pi_k (1[k=c] - pi_c)}, which also gives
 * the first weight (the reference of the log-odds) its error. Fixed quantities get error 0.
 * When the information is not positive definite (a degenerate or over-parameterised fit) the
 * arrays are null and {@code warnings} says why; no NaN is ever reported.
 *
 * @param method       "analytic" or "bootstrap"
 * @param layout       the free parameterisation
 * @param covariance   P x P row-major (analytic only; null for bootstrap or when unavailable)
 * @param beta         K blocks of d, or null when unavailable
 * @param sigma2       K, or null
 * @param weights      K, or null
 * @param logSigma     K (standard error of log sigma_k, flexmix's refit() scale), or null
 * @param logOdds      K (element 0 is 0: the reference), or null
 * @param warnings     problems, each naming the parameter or component
 * @param bootstrap    how bootstrap errors were made and what they were checked against; null for analytic
 */
public record StandardErrors(String method, ParameterLayout layout, double[] covariance, double[] beta,
                             double[] sigma2, double[] weights, double[] logSigma, double[] logOdds,
                             List<String> warnings, Bootstrap bootstrap) {

    /**
     * A node bootstrap's replicates and seed, the analytic errors of the same fit (or null), and
     * the comparison's warnings ({@link ErrorComparison}).
     */
    public record Bootstrap(int replicates, int used, long seed, StandardErrors analytic, List<String> comparison) {
        public Bootstrap {
            comparison = List.copyOf(comparison);
        }
    }

    /** The same errors with the bootstrap's record replaced. */
    public StandardErrors withBootstrap(Bootstrap b) {
        return new StandardErrors(method, layout, covariance, beta, sigma2, weights, logSigma, logOdds, warnings, b);
    }

    /** How the errors were computed, in words (for the report). */
    public String description() {
        if (bootstrap == null) {
            return "observed information: the exact Hessian of the grouped log-likelihood at the estimate, from the"
                    + " per-node statistics (complete-data information minus the posterior covariance of the scores), inverted";
        }
        return "bootstrap over nodes: " + bootstrap.replicates() + " replicates (" + bootstrap.used() + " usable), seed "
                + bootstrap.seed() + "; each draws the nodes with replacement and refits from the estimate";
    }

    public boolean available() {
        return beta != null;
    }

    /**
     * Analytic standard errors from the exact observed information at {@code params}
     * (which should be a maximum of the likelihood: the EM fixed point).
     *
     * @param labels per node a known component or -1, or null
     */
    public static StandardErrors analytic(NodeStats stats, MixtureParams params, ParameterLayout layout, int[] labels,
                                          int threads) {
        return analytic(stats, params, layout, labels, threads, null);
    }

    /**
     * The same with node-specific priors of a concomitant model (or null): its coefficients' errors
     * are in {@code covariance} at {@link ParameterLayout#concomitant}; {@code weights} are then
     * the errors of the mean priors over the nodes, {@code logOdds} those of each gamma_k's first term.
     */
    public static StandardErrors analytic(NodeStats stats, MixtureParams params, ParameterLayout layout, int[] labels,
                                          int threads, NodePriors priors) {
        double[] info = ObservedInformation.compute(stats, params, layout, labels, threads, priors);
        int p = layout.size();
        double[] cov = SymmetricInverse.invert(info, p);
        List<String> warnings = new ArrayList<>();
        if (cov == null) {
            warnings.add("observed information is not positive definite" + suspects(info, layout)
                    + ": standard errors unavailable (a degenerate component or too few nodes for K)");
            return new StandardErrors("analytic", layout, null, null, null, null, null, null, warnings, null);
        }
        if (priors == null) return fromCovariance(cov, params, layout, warnings);
        StandardErrors se = fromCovariance(cov, params, layout, warnings);
        return new StandardErrors(se.method(), layout, cov, se.beta(), se.sigma2(), meanPriorErrors(cov, params, layout, priors),
                se.logSigma(), se.logOdds(), se.warnings(), null);
    }

    /**
     * Delta method for the mean prior {@code (1/m) sum_j pi_jk}: its gradient in gamma_c's term t
     * is {@code (1/m) sum_j pi_jk (1[k=c] - pi_jc) z_jt}.
     */
    private static double[] meanPriorErrors(double[] cov, MixtureParams params, ParameterLayout layout, NodePriors priors) {
        int kk = layout.components();
        int p = layout.size();
        int q = priors.terms();
        int m = priors.model().units();
        double[] se = new double[kk];
        for (int k = 0; k < kk; k++) {
            double[] grad = new double[p];
            for (int j = 0; j < m; j++) {
                MixtureParams pj = priors.at(j, params);
                double[] z = priors.z(j);
                for (int c = 1; c < kk; c++) {
                    double d = pj.weight(k) * ((k == c ? 1.0 : 0.0) - pj.weight(c)) / m;
                    for (int t = 0; t < q; t++) grad[layout.concomitant(c, t)] += d * z[t];
                }
            }
            double var = 0;
            for (int a = 0; a < p; a++) {
                if (grad[a] == 0) continue;
                for (int b = 0; b < p; b++) var += grad[a] * cov[a * p + b] * grad[b];
            }
            se[k] = Math.sqrt(Math.max(0.0, var));
        }
        return se;
    }

    static StandardErrors fromCovariance(double[] cov, MixtureParams params, ParameterLayout layout,
                                         List<String> warnings) {
        int p = layout.size();
        int kk = layout.components();
        int d = layout.dim();
        double[] beta = new double[kk * d];
        double[] logSigma = new double[kk];
        double[] sigma2 = new double[kk];
        for (int k = 0; k < kk; k++) {
            for (int i = 0; i < d; i++) beta[k * d + i] = sqrtVar(cov, p, layout.beta(k, i));
            int e = layout.logSigma(k);
            logSigma[k] = e < 0 ? 0.0 : sqrtVar(cov, p, e);
            sigma2[k] = 2 * params.sigma2(k) * logSigma[k];
        }
        double[] logOdds = new double[kk];
        for (int k = 1; k < kk; k++) logOdds[k] = layout.logOdds(k) < 0 ? 0.0 : sqrtVar(cov, p, layout.logOdds(k));
        double[] weights = weightErrors(cov, params, layout);
        return new StandardErrors("analytic", layout, cov, beta, sigma2, weights, logSigma, logOdds, List.copyOf(warnings), null);
    }

    /** Delta method for pi = softmax(0, alpha_1..alpha_{K-1}). */
    private static double[] weightErrors(double[] cov, MixtureParams params, ParameterLayout layout) {
        int kk = layout.components();
        int p = layout.size();
        double[] se = new double[kk];
        if (layout.fixedWeights()) return se;
        for (int k = 0; k < kk; k++) {
            double var = 0;
            for (int a = 1; a < kk; a++) {
                double ja = jacobian(params, k, a);
                for (int b = 1; b < kk; b++) {
                    var += ja * cov[layout.logOdds(a) * p + layout.logOdds(b)] * jacobian(params, k, b);
                }
            }
            se[k] = Math.sqrt(Math.max(0.0, var));
        }
        return se;
    }

    private static double jacobian(MixtureParams params, int k, int c) {
        return params.weight(k) * ((k == c ? 1.0 : 0.0) - params.weight(c));
    }

    private static double sqrtVar(double[] cov, int p, int i) {
        return Math.sqrt(Math.max(0.0, cov[i * p + i]));
    }

    /** Names the free parameters whose information diagonal is (nearly) zero. */
    private static String suspects(double[] info, ParameterLayout layout) {
        int p = layout.size();
        double max = 0;
        for (int i = 0; i < p; i++) max = Math.max(max, Math.abs(info[i * p + i]));
        List<String> names = layout.names();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < p; i++) if (!(info[i * p + i] > 1e-12 * max)) bad.add(names.get(i));
        return bad.isEmpty() ? "" : " (no information on " + String.join(", ", bad) + ")";
    }
}
