package io.github.cmlr.predict;

import io.github.cmlr.em.inference.NodeLogLik;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.MemoryBudget;

/**
 * Posterior membership and predictions for new nodes under a fitted grouped mixture. A node's
 * posterior uses all of its rows through its statistics {@code n_j, G_j, s_j, q_j}, so a node with
 * a single row works (its posterior is then close to the prior unless that row is decisive);
 * without a response the posterior is the prior weights.
 */
public final class Predictor {
    private Predictor() {}

    public static Predictions predict(FittedModel model, NewData data) {
        MixtureParams p = model.params();
        int kk = p.components();
        double[] nodePriors = model.concomitant() == null ? null : model.concomitant().priors(data.concomitantZ());
        double[] posterior = data.hasResponse() ? posteriors(p, stats(data), nodePriors)
                : nodePriors != null ? nodePriors : priors(p, data.nodes());
        int[] best = new int[data.nodes()];
        for (int j = 0; j < data.nodes(); j++) {
            for (int k = 1; k < kk; k++) if (posterior[j * kk + k] > posterior[j * kk + best[j]]) best[j] = k;
        }
        double[] perComponent = new double[data.rows() * kk];
        double[] mean = new double[data.rows()];
        int d = data.dim();
        for (int r = 0; r < data.rows(); r++) {
            int j = data.rowNode()[r];
            for (int k = 0; k < kk; k++) {
                double v = 0;
                for (int i = 0; i < d; i++) v += data.x()[r * d + i] * p.beta(k, i);
                perComponent[r * kk + k] = v;
                mean[r] += posterior[j * kk + k] * v;
            }
        }
        requireFinite(model, data, posterior, perComponent, mean);
        return new Predictions(kk, posterior, best, mean, perComponent);
    }

    /**
     * A model can be valid and still overflow on some data (a coefficient of 1e308 times x = 2):
     * every output must be a finite number, or the prediction fails naming the row and component
     * ({@link ExitCode#SPEC}: the model does not fit this data's scale).
     */
    private static void requireFinite(FittedModel model, NewData data, double[] posterior, double[] perComponent,
                                      double[] mean) {
        int kk = model.params().components();
        for (int r = 0; r < data.rows(); r++) {
            int j = data.rowNode()[r];
            for (int k = 0; k < kk; k++) {
                double v = perComponent[r * kk + k];
                if (!Double.isFinite(v)) {
                    throw new CmlrException(ExitCode.SPEC, "component " + (k + 1) + " predicts " + v + " for data row "
                            + (r + 1) + ": its coefficients are too large for this data (components[" + k + "].beta)");
                }
                if (!Double.isFinite(posterior[j * kk + k])) {
                    throw new CmlrException(ExitCode.SPEC, "the posterior of node '" + data.nodeIds().get(j) + "' for component "
                            + (k + 1) + " is not a finite number: the model's coefficients or variances overflow on this data");
                }
            }
            if (!Double.isFinite(mean[r])) {
                throw new CmlrException(ExitCode.SPEC, "the mixture mean of data row " + (r + 1) + " overflows ("
                        + mean[r] + "): the model's coefficients are too large for this data");
            }
        }
    }

    /** @param nodePriors nodes x K priors of a concomitant model, or null for the weights */
    private static double[] posteriors(MixtureParams p, NodeStats stats, double[] nodePriors) {
        int kk = p.components();
        double[] gamma = new double[stats.nodes() * kk];
        if (nodePriors == null) {
            NodeLogLik.posteriors(stats, p, null, gamma);
            return gamma;
        }
        double[] rss = new double[kk];
        double[] l = new double[kk];
        for (int j = 0; j < stats.nodes(); j++) {
            MixtureParams pj = new MixtureParams(p.dim(), p.betaFlat(), p.sigma2(), java.util.Arrays.copyOfRange(nodePriors,
                    j * kk, (j + 1) * kk));
            NodeLogLik.residuals(stats, j, pj, rss, null);
            NodeLogLik.componentLogLiks(stats.counts()[j], rss, pj, l);
            NodeLogLik.toPosteriors(l, -1);
            System.arraycopy(l, 0, gamma, j * kk, kk);
        }
        return gamma;
    }

    private static double[] priors(MixtureParams p, int nodes) {
        int kk = p.components();
        double[] gamma = new double[nodes * kk];
        for (int j = 0; j < nodes; j++) for (int k = 0; k < kk; k++) gamma[j * kk + k] = p.weight(k);
        return gamma;
    }

    /** Per-node statistics of rows in any order (each row added to its node's sums). */
    static NodeStats stats(NewData data) {
        int m = data.nodes();
        int d = data.dim();
        long gramCells = MemoryBudget.product(m, d, d);
        if (gramCells > Integer.MAX_VALUE - 16) {
            throw new CmlrException(ExitCode.RESOURCES, "predict: the statistics of " + m + " nodes with " + d
                    + " coefficients (" + gramCells + " values) do not fit one Java array");
        }
        MemoryBudget.require(MemoryBudget.product(8, m, MemoryBudget.sum(gramCells / Math.max(1, m), d, 2)),
                "predict on " + m + " nodes with " + d + " coefficients");
        double[] n = new double[m];
        double[] g = new double[m * d * d];
        double[] s = new double[m * d];
        double[] q = new double[m];
        for (int r = 0; r < data.rows(); r++) {
            int j = data.rowNode()[r];
            double yr = data.y()[r];
            n[j] += 1;
            q[j] += yr * yr;
            for (int a = 0; a < d; a++) {
                double xa = data.x()[r * d + a];
                s[j * d + a] += xa * yr;
                for (int b = 0; b < d; b++) g[(j * d + a) * d + b] += xa * data.x()[r * d + b];
            }
        }
        return new NodeStats(d, n, g, s, q, data.nodeIds().toArray(new String[0]));
    }
}
