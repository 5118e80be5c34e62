package io.github.cmlr.backend;

import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;

/**
 * The operations EM performs on its units, bound to one dataset on one backend. A unit is either
 * a node (grouped models, held as per-node statistics G_u, s_u, q_u, n_u) or a single sample
 * (ungrouped models: G_u = x x^T, s_u = y x, q_u = y^2, n_u = 1). The clustered and the standard
 * algorithm are the same EM over different units; these are exactly the steps a GPU performs.
 *
 * <p>Array arguments named as outputs are overwritten; all other arrays are read only.
 * Implementations must be deterministic: the same inputs give bitwise the same outputs,
 * whatever the number of threads.
 */
public interface UnitOps extends AutoCloseable {

    /** Number of units (nodes or samples). */
    int units();

    int dim();

    /** Number of rows n_u of every unit (a copy or shared read-only array). */
    double[] unitCounts();

    /** A = sum_u G_u (d x d row-major), summed in unit order. */
    double[] totalGram();

    /**
     * Symmetric-model E-step: {@code w[u] = tanh(<s_u, theta> / sigma2)}, the posterior mean of the
     * unit's sign. Returns the symmetric log-likelihood up to an additive constant,
     * {@code sum_u [log cosh(<s_u,theta>/sigma2) - theta^T G_u theta / (2 sigma2)]}.
     *
     * @param w output, length units()
     */
    double symmetricWeights(double[] theta, double sigma2, double[] w);

    /**
     * {@code out = sum_u w[u] s_u} (length d): the right-hand side of the symmetric M-step.
     *
     * @param out output, length dim()
     */
    void weightedXty(double[] w, double[] out);

    /**
     * General E-step: per-unit component log-likelihoods
     * {@code l_uk = log pi_k - (n_u/2) log(2 pi sigma_k^2) - RSS_uk / (2 sigma_k^2)} and posteriors
     * {@code gamma_uk = softmax_k(l_uk)} computed with log-sum-exp. Returns the full log-likelihood
     * {@code sum_u logsumexp_k l_uk}.
     *
     * @param gamma  output, units() x K row-major
     * @param logLik output (may be null), units() x K row-major, the l_uk
     */
    double posteriors(MixtureParams params, double[] gamma, double[] logLik);

    /**
     * M-step sums: for each component k, the gamma-weighted sums of G_u, s_u, q_u, n_u and gamma.
     *
     * @param gamma units() x K row-major
     * @param out   overwritten
     */
    void componentSums(double[] gamma, int components, ComponentSums out);

    /**
     * {@link #posteriors} at {@code params}, then {@link #componentSums} of those posteriors, with
     * the same posteriors and the same sums up to rounding; a backend may do both in one pass over
     * the units (an EM iteration then reads each unit's statistics once), and since posteriors sum
     * to 1 per unit it may form one component's sums as the totals over all units minus the
     * others'. This default makes the two calls.
     *
     * @param gamma  output, as in {@link #posteriors}
     * @param logLik output (may be null), as in {@link #posteriors}
     * @param out    overwritten with the sums for {@code params.components()} components
     */
    default double posteriorsAndSums(MixtureParams params, double[] gamma, double[] logLik, ComponentSums out) {
        double ll = posteriors(params, gamma, logLik);
        componentSums(gamma, params.components(), out);
        return ll;
    }

    /** Releases device memory; never throws. */
    @Override
    void close();

    /**
     * Node units of the same backend over other per-node statistics (a subsample of these nodes,
     * on which {@code MultiStart} screens its candidates), to be closed by the caller; null when
     * these are not node units or cannot make them.
     */
    default UnitOps forNodes(NodeStats stats) {
        return null;
    }
}
