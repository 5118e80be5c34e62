package io.github.cmlr.em.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A node's residuals from its rows equal those from its G_j, s_j, q_j. */
class NodeLogLikTest {
    @Test
    void residualsFromRowsEqualThoseFromTheSecondMoments() {
        int d = 8;
        int n = 5;
        SplittableRandom rng = new SplittableRandom(3);
        double[] xy = new double[n * (d + 1)];
        for (int i = 0; i < xy.length; i++) xy[i] = rng.nextGaussian();
        double[] s = new double[d];
        double q = 0;
        for (int i = 0; i < n; i++) {
            double y = xy[n * d + i];
            q += y * y;
            for (int r = 0; r < d; r++) s[r] += y * xy[i * d + r];
        }
        NodeStats rows = new NodeStats(d, new double[] {n}, new double[][] {xy}, s, new double[] {q}, null);
        assertTrue(rows.holdsRows(0));
        NodeStats moments = new NodeStats(d, new double[] {n}, new double[][] {rows.gram(0)}, s.clone(), new double[] {q}, null);
        double[] beta = new double[3 * d];
        for (int i = 0; i < beta.length; i++) beta[i] = rng.nextGaussian();
        MixtureParams p = new MixtureParams(d, beta, new double[] {0.5, 1.0, 2.0}, new double[] {0.2, 0.3, 0.5});
        double[] rssRows = new double[3];
        double[] rssMoments = new double[3];
        double[] scaledRows = new double[3 * d];
        double[] scaledMoments = new double[3 * d];
        NodeLogLik.residuals(rows, 0, p, rssRows, scaledRows);
        NodeLogLik.residuals(moments, 0, p, rssMoments, scaledMoments);
        for (int c = 0; c < 3; c++) assertEquals(rssMoments[c], rssRows[c], 1e-12 * rssMoments[c], "rss " + c);
        for (int i = 0; i < scaledRows.length; i++) {
            assertEquals(scaledMoments[i], scaledRows[i], 1e-12 * (1 + Math.abs(scaledMoments[i])), "scaled residual " + i);
        }
    }
}
