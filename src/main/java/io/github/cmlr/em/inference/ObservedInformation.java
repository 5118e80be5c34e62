package io.github.cmlr.em.inference;

import io.github.cmlr.linalg.GramAccumulator;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.Parallel;
import java.util.List;

/**
 * The observed information {@code I = -d^2 L / d theta^2} of the grouped log-likelihood
 * {@code L = sum_j log sum_k exp(l_jk)} in the parameterisation of {@link ParameterLayout},
 * computed exactly and analytically from the per-node statistics (no numerical differences).
 *
 * <p>Why the exact Hessian: differentiating {@code log sum_k exp(l_jk)} twice gives, per node,
 * {@code sum_k gamma_jk (H_jk + g_jk g_jk^T) - gbar_j gbar_j^T}, where {@code g_jk}, {@code H_jk}
 * are the gradient and Hessian of the complete-data term {@code l_jk} and
 * {@code gbar_j = sum_k gamma_jk g_jk} is the node's score. So
 * {@code I = sum_j sum_k gamma_jk (-H_jk) - sum_j sum_k gamma_jk (g_jk - gbar_j)(g_jk - gbar_j)^T}:
 * the expected complete-data information minus the posterior covariance of the complete-data
 * score, which is Louis' identity made exact for a finite mixture. It is what flexmix's
 * {@code refit()} approximates with a numerical Hessian, so the two agree closely; the empirical
 * information {@code sum_j gbar_j gbar_j^T} is only asymptotically equal and differs visibly on
 * a few dozen nodes. Everything a node contributes follows from {@code n_j, G_j, s_j, q_j}, so
 * the cost is {@code O(m K (d^2 + P^2))} whatever the number of rows; nodes whose posterior is
 * one-hot (to 1e-15) contribute no covariance term and skip the {@code P^2} part.
 *
 * <p>Known labels (semi-supervised fits) make gamma one-hot for those nodes, which is exactly the
 * Hessian of their contribution {@code l_j,label}.
 */
public final class ObservedInformation {
    /** Posteriors below this are treated as 0 in the covariance term (error <= 1e-15 |u|^2) and the G_j sums. */
    private static final double NEGLIGIBLE = 1e-15;
    /** Nodes per parallel chunk: bounds the number of P x P partial matrices held at once. */
    private static final int CHUNK = 64 * Parallel.BLOCK;

    private ObservedInformation() {}

    /**
     * @param labels  per node a known component or -1, or null
     * @param threads worker threads (the result does not depend on it)
     * @return the P x P information matrix, row-major, symmetric
     */
    public static double[] compute(NodeStats stats, MixtureParams params, ParameterLayout layout, int[] labels,
                                   int threads) {
        return compute(stats, params, layout, labels, threads, null);
    }

    /**
     * The same with node-specific priors from a concomitant model ({@code priors}, or null for the
     * weights of {@code params}): its coefficients take the weights' place in {@code layout}. The
     * complete-data term then holds {@code log pi_jk(gamma)}, whose gradient in gamma_c is
     * {@code (1[k=c] - pi_jc) z_j} and whose curvature {@code (diag(pi_j) - pi_j pi_j^T) x z_j z_j^T}
     * is the same for every k.
     */
    public static double[] compute(NodeStats stats, MixtureParams params, ParameterLayout layout, int[] labels,
                                   int threads, NodePriors priors) {
        int p = layout.size();
        double[] info = new double[p * p];
        int m = stats.nodes();
        for (int c0 = 0; c0 < m; c0 += CHUNK) {
            int base = c0;
            int len = Math.min(CHUNK, m - c0);
            List<double[]> parts = Parallel.mapBlocks(len, threads,
                    (a, b) -> blockInformation(stats, params, layout, labels, priors, base + a, base + b));
            for (double[] part : parts) {
                for (int i = 0; i < info.length; i++) info[i] += part[i];
            }
        }
        if (priors == null) addWeightCurvature(info, params, layout, m);
        symmetrise(info, p);
        return info;
    }

    /** Upper-triangle contribution of nodes [j0, j1). */
    private static double[] blockInformation(NodeStats stats, MixtureParams params, ParameterLayout layout,
                                             int[] labels, NodePriors priors, int j0, int j1) {
        int p = layout.size();
        int kk = params.components();
        int d = stats.dim();
        double[] info = new double[p * p];
        double[] rss = new double[kk];
        double[] resid = new double[kk * d];
        double[] gamma = new double[kk];
        double[] grads = new double[kk * p];
        double[] mean = new double[p];
        double[] one = {1.0};
        double[] gramSums = new double[kk * d * d];
        GramAccumulator[] rowGrams = new GramAccumulator[kk];
        for (int j = j0; j < j1; j++) {
            double nj = stats.counts()[j];
            MixtureParams pj = priors == null ? params : priors.at(j, params);
            double[] z = priors == null ? one : priors.z(j);
            NodeLogLik.residuals(stats, j, pj, rss, resid);
            NodeLogLik.componentLogLiks(nj, rss, pj, gamma);
            NodeLogLik.toPosteriors(gamma, labels == null ? -1 : labels[j]);
            addExpectedCompleteInformation(info, stats, j, pj, layout, gamma, rss, resid, gramSums, rowGrams);
            subtractScoreCovariance(info, nj, pj, z, layout, gamma, rss, resid, grads, mean);
            if (priors != null) addPriorCurvature(info, pj, z, layout);
        }
        for (int k = 0; k < kk; k++) {
            if (rowGrams[k] == null) continue;
            rowGrams[k].finish();
            rowGrams[k].addUpperTo(gramSums, k * d * d);
        }
        addGramInformation(info, params, layout, d, gramSums);
        return info;
    }

    /** The beta blocks' {@code sum_j gamma_jk G_j / sigma_k^2}, from the block's sums of gamma_jk G_j (upper triangles). */
    private static void addGramInformation(double[] info, MixtureParams params, ParameterLayout layout, int d,
                                           double[] gramSums) {
        int p = layout.size();
        for (int k = 0; k < params.components(); k++) {
            double s2 = params.sigma2(k);
            int off = k * d * d;
            for (int r = 0; r < d; r++) {
                int br = layout.beta(k, r);
                for (int c = r; c < d; c++) { // shared coefficients come first, so br <= bc: the upper triangle
                    info[br * p + layout.beta(k, c)] += gramSums[off + r * d + c] / s2;
                }
            }
        }
    }

    /**
     * {@code sum_k gamma_jk (-H_jk)} for the beta and log-sigma blocks (upper triangle): the
     * beta-beta part, gamma_jk G_j / sigma_k^2, is summed per component into gramSums, or for a
     * node that keeps its rows into the component's accumulator of rows, four at a time across
     * the block's nodes as the EM sums them (no G_j formed; posteriors below {@link #NEGLIGIBLE}
     * left out), and added once per block ({@link #addGramInformation}).
     */
    private static void addExpectedCompleteInformation(double[] info, NodeStats stats, int j, MixtureParams params,
                                                       ParameterLayout layout, double[] gamma, double[] rss,
                                                       double[] resid, double[] gramSums, GramAccumulator[] rowGrams) {
        int p = layout.size();
        int d = stats.dim();
        for (int k = 0; k < params.components(); k++) {
            double w = gamma[k];
            if (w == 0) continue;
            double s2 = params.sigma2(k);
            if (w >= NEGLIGIBLE && stats.holdsRows(j)) {
                if (rowGrams[k] == null) rowGrams[k] = new GramAccumulator(d);
                stats.addRowsTo(j, w, rowGrams[k]);
            } else if (w >= NEGLIGIBLE) {
                stats.addUpperTo(j, w, gramSums, k * d * d);
            }
            int e = layout.logSigma(k);
            if (e < 0) continue;
            for (int r = 0; r < d; r++) info[layout.beta(k, r) * p + e] += 2 * w * resid[k * d + r];
            info[e * p + e] += 2 * w * rss[k] / s2;
        }
    }

    /** {@code -sum_k gamma_jk u_k u_k^T} with {@code u_k = g_jk - gbar_j} (upper triangle). */
    private static void subtractScoreCovariance(double[] info, double nj, MixtureParams params, double[] z,
                                                ParameterLayout layout,
                                                double[] gamma, double[] rss, double[] resid, double[] grads,
                                                double[] mean) {
        int kk = params.components();
        int active = 0;
        for (double w : gamma) if (w >= NEGLIGIBLE) active++;
        if (active < 2) return;
        int p = layout.size();
        java.util.Arrays.fill(grads, 0.0);
        java.util.Arrays.fill(mean, 0.0);
        for (int k = 0; k < kk; k++) {
            completeScore(k, nj, params, z, layout, rss, resid, grads, k * p);
            for (int i = 0; i < p; i++) mean[i] += gamma[k] * grads[k * p + i];
        }
        for (int k = 0; k < kk; k++) {
            double w = gamma[k];
            if (w < NEGLIGIBLE) continue;
            int o = k * p;
            for (int i = 0; i < p; i++) grads[o + i] -= mean[i];
            for (int r = 0; r < p; r++) {
                double wr = w * grads[o + r];
                if (wr == 0) continue;
                int row = r * p;
                for (int c = r; c < p; c++) info[row + c] -= wr * grads[o + c];
            }
        }
    }

    /** Gradient of l_jk with respect to the free parameters, written to {@code out[off..off+P)}. */
    private static void completeScore(int k, double nj, MixtureParams params, double[] z, ParameterLayout layout,
                                      double[] rss, double[] resid, double[] out, int off) {
        int d = layout.dim();
        for (int i = 0; i < d; i++) out[off + layout.beta(k, i)] = resid[k * d + i];
        int e = layout.logSigma(k);
        if (e >= 0) out[off + e] += -nj + rss[k] / params.sigma2(k);
        for (int c = 1; c < params.components(); c++) {
            int a = layout.logOdds(c);
            if (a < 0) continue;
            double r = (c == k ? 1.0 : 0.0) - params.weight(c);
            if (z.length == 1) out[off + a] = r * z[0];
            else for (int t = 0; t < z.length; t++) out[off + a + t] = r * z[t];
        }
    }

    /** Node j's {@code (diag(pi_j) - pi_j pi_j^T) x z_j z_j^T} on the concomitant block (upper triangle). */
    private static void addPriorCurvature(double[] info, MixtureParams pj, double[] z, ParameterLayout layout) {
        int p = layout.size();
        int kk = pj.components();
        for (int a = 1; a < kk; a++) {
            int ia = layout.logOdds(a);
            if (ia < 0) return;
            for (int b = a; b < kk; b++) {
                int ib = layout.logOdds(b);
                double v = (a == b ? pj.weight(a) : 0.0) - pj.weight(a) * pj.weight(b);
                for (int t = 0; t < z.length; t++) {
                    for (int s = 0; s < z.length; s++) {
                        int r = ia + t;
                        int c = ib + s;
                        if (r <= c) info[r * p + c] += v * z[t] * z[s];
                    }
                }
            }
        }
    }

    /** The weights' part: {@code -d^2 log pi_k / d alpha^2 = diag(pi) - pi pi^T}, the same for every node. */
    private static void addWeightCurvature(double[] info, MixtureParams params, ParameterLayout layout, int nodes) {
        int p = layout.size();
        for (int a = 1; a < params.components(); a++) {
            int ia = layout.logOdds(a);
            if (ia < 0) return;
            for (int b = a; b < params.components(); b++) {
                int ib = layout.logOdds(b);
                double v = (a == b ? params.weight(a) : 0.0) - params.weight(a) * params.weight(b);
                info[ia * p + ib] += nodes * v;
            }
        }
    }

    private static void symmetrise(double[] a, int p) {
        for (int r = 0; r < p; r++) {
            for (int c = r + 1; c < p; c++) a[c * p + r] = a[r * p + c];
        }
    }
}
