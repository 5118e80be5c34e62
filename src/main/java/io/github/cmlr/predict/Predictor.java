package io.github.cmlr.predict;

import io.github.cmlr.em.inference.NodeLogLik;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;

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
        double[] posterior = data.hasResponse() ? posteriors(p, stats(data)) : priors(p, data.nodes());
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
        return new Predictions(kk, posterior, best, mean, perComponent);
    }

    private static double[] posteriors(MixtureParams p, NodeStats stats) {
        double[] gamma = new double[stats.nodes() * p.components()];
        NodeLogLik.posteriors(stats, p, null, gamma);
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
