package io.github.cmlr.em.inference;

import io.github.cmlr.linalg.Dense;
import io.github.cmlr.linalg.GramKernels;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;

/**
 * Per-node quantities of the grouped model, from the node's statistics alone:
 * {@code RSS_jk = q_j - 2 beta_k^T s_j + beta_k^T G_j beta_k} (for a node that keeps its rows,
 * the sum of its squared residuals) and
 * {@code l_jk = log pi_k - (n_j/2) log(2 pi sigma_k^2) - RSS_jk / (2 sigma_k^2)}.
 * A plain single-node reference used by inference, selection and prediction (the EM itself runs
 * on a backend's {@code UnitOps}).
 */
public final class NodeLogLik {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private NodeLogLik() {}

    /**
     * Residual sums of squares of node j under every component.
     *
     * @param rss     output, length K
     * @param scaledResidual output (may be null), K blocks of d: {@code (s_j - G_j beta_k) / sigma_k^2}
     */
    public static void residuals(NodeStats stats, int j, MixtureParams params, double[] rss, double[] scaledResidual) {
        if (stats.holdsRows(j)) {
            rowResiduals(stats, j, params, rss, scaledResidual);
            return;
        }
        int d = stats.dim();
        double[] g = stats.gram(j);
        double[] s = stats.xty();
        int gOff = 0;
        int sOff = j * d;
        for (int k = 0; k < params.components(); k++) {
            double quad = 0;
            double lin = 0;
            double inv = 1.0 / params.sigma2(k);
            for (int r = 0; r < d; r++) {
                double gb = 0;
                for (int c = 0; c < d; c++) gb += g[gOff + r * d + c] * params.beta(k, c);
                quad += params.beta(k, r) * gb;
                lin += params.beta(k, r) * s[sOff + r];
                if (scaledResidual != null) scaledResidual[k * d + r] = (s[sOff + r] - gb) * inv;
            }
            rss[k] = Math.max(0.0, stats.yty()[j] - 2 * lin + quad);
        }
    }

    /**
     * {@link #residuals} of a node that keeps its rows, from the rows (n_j d work per component, no
     * G_j formed): the RSS as the EM's E-step sums it ({@link GramKernels#rowResiduals}), and
     * {@code X_j^T (y_j - X_j beta_k) / sigma_k^2}, which equals {@code (s_j - G_j beta_k) / sigma_k^2}.
     */
    private static void rowResiduals(NodeStats stats, int j, MixtureParams params, double[] rss, double[] scaledResidual) {
        int d = stats.dim();
        int k = params.components();
        int n = stats.rowsHeld(j);
        double[] xy = stats.moments(j);
        int at = stats.momentsOffset(j);
        double[] beta = params.betaFlat();
        GramKernels.rowResiduals(xy, at, n, d, beta, k, rss, 0);
        if (scaledResidual == null) return;
        java.util.Arrays.fill(scaledResidual, 0, k * d, 0.0);
        for (int i = 0; i < n; i++) {
            int x = at + i * d;
            for (int c = 0; c < k; c++) {
                double e = xy[at + n * d + i] - Dense.dot(xy, x, beta, c * d, d);
                for (int r = 0; r < d; r++) scaledResidual[c * d + r] += e * xy[x + r];
            }
        }
        for (int c = 0; c < k; c++) {
            double inv = 1.0 / params.sigma2(c);
            for (int r = 0; r < d; r++) scaledResidual[c * d + r] *= inv;
        }
    }

    /** {@code l_jk} from the RSS of {@link #residuals}; writes {@code out} (length K). */
    public static void componentLogLiks(double nj, double[] rss, MixtureParams params, double[] out) {
        for (int k = 0; k < params.components(); k++) {
            double s2 = params.sigma2(k);
            out[k] = Math.log(params.weight(k)) - 0.5 * nj * (LOG_2PI + Math.log(s2)) - rss[k] / (2 * s2);
        }
    }

    /**
     * Turns {@code l_jk} into posteriors in place (log-sum-exp) and returns the node's log-likelihood.
     * With {@code label >= 0} the node is known to belong to that component: gamma is one-hot and
     * the contribution is {@code l_j,label}.
     *
     * @param l overwritten with gamma_jk
     */
    public static double toPosteriors(double[] l, int label) {
        if (label >= 0) {
            double v = l[label];
            java.util.Arrays.fill(l, 0.0);
            l[label] = 1.0;
            return v;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : l) max = Math.max(max, v);
        double sum = 0;
        for (int k = 0; k < l.length; k++) {
            l[k] = Math.exp(l[k] - max);
            sum += l[k];
        }
        for (int k = 0; k < l.length; k++) l[k] /= sum;
        return max + Math.log(sum);
    }

    /**
     * Posteriors of every node and the total log-likelihood (single-threaded reference).
     *
     * @param labels per node a known component or -1; null for none
     * @param gamma  output (may be null), nodes x K row-major
     */
    public static double posteriors(NodeStats stats, MixtureParams params, int[] labels, double[] gamma) {
        int kk = params.components();
        double[] rss = new double[kk];
        double[] l = new double[kk];
        double total = 0;
        for (int j = 0; j < stats.nodes(); j++) {
            residuals(stats, j, params, rss, null);
            componentLogLiks(stats.counts()[j], rss, params, l);
            total += toPosteriors(l, labels == null ? -1 : labels[j]);
            if (gamma != null) System.arraycopy(l, 0, gamma, j * kk, kk);
        }
        return total;
    }

    /** Entropy of the posteriors, {@code -sum_j sum_k gamma_jk log gamma_jk} (0 log 0 = 0). */
    public static double entropy(double[] gamma) {
        double e = 0;
        for (double g : gamma) if (g > 0) e -= g * Math.log(g);
        return e;
    }
}
