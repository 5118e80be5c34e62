package io.github.cmlr.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.flexmix.FlexmixFixture;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PredictorTest {

    static List<String> fixtures() {
        return FlexmixFixture.NAMES;
    }

    /** Known answer: flexmix's own posteriors at its estimates. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void posteriorsMatchFlexmix(String name) throws IOException {
        FlexmixFixture f = FlexmixFixture.load(name);
        Predictions p = Predictor.predict(model(f.flexmixReported, f.dim()), newData(f.data, true));
        int kk = f.components;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/flexmix/" + name + ".posterior.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            int j = 0;
            for (String line = r.readLine(); line != null; line = r.readLine(), j++) {
                String[] c = line.split(",");
                assertEquals(f.data.nodeId(j), c[0]);
                for (int k = 0; k < kk; k++) {
                    assertEquals(Double.parseDouble(c[k + 1]), p.posterior()[j * kk + k], 1e-8, name + " node " + c[0]);
                }
            }
            assertEquals(f.data.nodes(), j);
        }
    }

    /** A one-row node: the posterior is pi_k N(y; x'beta_k, sigma_k^2), normalised, computed from the row. */
    @Test
    void singleRowNodeUsesTheGaussianDensityOfItsRow() {
        MixtureParams p = new MixtureParams(2, new double[] {1, 2, -1, 0.5}, new double[] {0.25, 1.0}, new double[] {0.3, 0.7});
        double[] x = {1, 0.4};
        double y = 1.3;
        NewData data = new NewData(List.of("solo"), new int[] {0}, 2, x, new double[] {y});
        Predictions pred = Predictor.predict(new FittedModel("node", "y", List.of("x1"), true, p), data);
        double[] dens = new double[2];
        for (int k = 0; k < 2; k++) {
            double mu = x[0] * p.beta(k, 0) + x[1] * p.beta(k, 1);
            dens[k] = p.weight(k) * Math.exp(-(y - mu) * (y - mu) / (2 * p.sigma2(k))) / Math.sqrt(2 * Math.PI * p.sigma2(k));
        }
        double post0 = dens[0] / (dens[0] + dens[1]);
        assertEquals(post0, pred.posterior()[0], 1e-13);
        assertEquals(1 - post0, pred.posterior()[1], 1e-13);
        double mean = post0 * (x[0] + 2 * x[1]) + (1 - post0) * (-x[0] + 0.5 * x[1]);
        assertEquals(mean, pred.mean()[0], 1e-13);
        assertEquals(post0 > 0.5 ? 0 : 1, pred.component()[0]);
    }

    @Test
    void withoutResponseThePosteriorIsThePrior() {
        MixtureParams p = new MixtureParams(1, new double[] {2, -3}, new double[] {1, 1}, new double[] {0.25, 0.75});
        NewData data = new NewData(List.of("a", "b"), new int[] {0, 1, 0}, 1, new double[] {1, 2, 3}, null);
        Predictions pred = Predictor.predict(new FittedModel("node", "y", List.of("x1"), false, p), data);
        assertArrayEquals(new double[] {0.25, 0.75, 0.25, 0.75}, pred.posterior(), 0);
        assertArrayEquals(new int[] {1, 1}, pred.component());
        assertArrayEquals(new double[] {2 * 0.25 - 3 * 0.75, 2 * (2 * 0.25 - 3 * 0.75), 3 * (2 * 0.25 - 3 * 0.75)},
                pred.mean(), 1e-15);
        assertArrayEquals(new double[] {2, -3, 4, -6, 6, -9}, pred.perComponent(), 0);
    }

    /** Recovery: nodes of 1..4 rows drawn from a known model, interleaved rows; most are assigned correctly. */
    @Test
    void recoversTrueComponentOfSmallInterleavedNodes() {
        MixtureParams p = new MixtureParams(2, new double[] {0, 3, 0, -3}, new double[] {0.25, 0.25}, new double[] {0.5, 0.5});
        SplittableRandom rng = new SplittableRandom(7);
        int m = 400;
        int[] truth = new int[m];
        List<Integer> rowNode = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            truth[j] = rng.nextInt(2);
            int n = 1 + rng.nextInt(4);
            for (int i = 0; i < n; i++) rowNode.add(j);
        }
        java.util.Collections.shuffle(rowNode, new java.util.Random(3));
        int rows = rowNode.size();
        double[] x = new double[rows * 2];
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            int z = truth[rowNode.get(r)];
            x[r * 2] = 1;
            x[r * 2 + 1] = rng.nextGaussian();
            y[r] = p.beta(z, 1) * x[r * 2 + 1] + 0.5 * rng.nextGaussian();
        }
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < m; j++) ids.add("n" + j);
        NewData data = new NewData(ids, rowNode.stream().mapToInt(Integer::intValue).toArray(), 2, x, y);
        Predictions pred = Predictor.predict(new FittedModel("node", "y", List.of("x1"), true, p), data);
        int correct = 0;
        for (int j = 0; j < m; j++) if (pred.component()[j] == truth[j]) correct++;
        // |x| < 0.1 makes a 1-row node ambiguous (about 8% of rows); 4-row nodes are almost always right
        assertTrue(correct >= 0.93 * m, "correct " + correct + " of " + m);
    }

    static FittedModel model(MixtureParams p, int dim) {
        List<String> f = new ArrayList<>();
        for (int i = 0; i < dim; i++) f.add("c" + i);
        return new FittedModel("node", "y", f, false, p);
    }

    static NewData newData(Dataset d, boolean withY) {
        List<String> ids = new ArrayList<>();
        int[] rowNode = new int[d.rows()];
        for (int j = 0; j < d.nodes(); j++) {
            ids.add(d.nodeId(j));
            for (int r = d.nodeOffset(j); r < d.nodeOffset(j + 1); r++) rowNode[r] = j;
        }
        return new NewData(ids, rowNode, d.dim(), d.x(), withY ? d.y() : null);
    }
}
