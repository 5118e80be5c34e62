package io.github.cmlr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cmlr.api.InvalidModelException.Reason;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The minimum weight share (flexmix's minprior): a component holding less of the nodes' weight is
 * degenerate, and under the default policy dropped; the threshold is validated and reported.
 */
class MinWeightTest {

    /** 100 nodes of 20 rows: 47 on y = 1 + 2x, 47 on y = -1 + 0.5x, 6 (a 6% component) on y = 3 - x. */
    private static DataSource threeLines() {
        Random rnd = new Random(11);
        int nodes = 100, rows = 20;
        String[] node = new String[nodes * rows];
        double[][] x = new double[nodes * rows][1];
        double[] y = new double[nodes * rows];
        for (int g = 0, i = 0; g < nodes; g++) {
            int line = g < 47 ? 0 : g < 94 ? 1 : 2;
            for (int r = 0; r < rows; r++, i++) {
                node[i] = "g" + g;
                x[i][0] = rnd.nextGaussian();
                double mean = line == 0 ? 1 + 2 * x[i][0] : line == 1 ? -1 + 0.5 * x[i][0] : 3 - x[i][0];
                y[i] = mean + 0.2 * rnd.nextGaussian();
            }
        }
        return DataSource.rows(node, x, y, List.of("x")).withIntercept();
    }

    private static ModelFit fit(double minWeight) {
        ModelSpec spec = ModelSpec.builder().k(3).seed(3).minWeight(minWeight)
                .standardErrors(io.github.cmlr.em.selection.GroupedFit.ErrorMethod.NONE).build();
        return Cmlr.fit(threeLines(), spec, Backends.open("cpu", 1));
    }

    @Test
    void noComponentBelowTheMinimumWeightSurvives() {
        ModelFit kept = fit(ModelSpec.DEFAULT_MIN_WEIGHT);
        assertEquals(3, kept.estimates().components());
        double smallest = 1;
        for (int k = 0; k < 3; k++) smallest = Math.min(smallest, kept.estimates().weight(k));
        assertEquals(0.06, smallest, 1e-9, "the third line's 6 of 100 nodes");

        ModelFit bounded = fit(0.1); // the 6% component is out of reach: what remains has shares >= 0.1
        for (int k = 0; k < bounded.estimates().components(); k++) assertTrue(bounded.estimates().weight(k) >= 0.1);
        assertTrue(bounded.logLik() < kept.logLik() - 100, bounded.logLik() + " against " + kept.logLik());

        ModelFit dropped = fit(0.34); // above 1/3: no fit of 3 components can keep them all
        assertTrue(dropped.estimates().components() <= 2, "components " + dropped.estimates().components());
        assertTrue(dropped.warnings().stream().anyMatch(w -> w.contains("minWeight")), dropped.warnings().toString());
        assertTrue(dropped.logLik() < kept.logLik());
        JsonNode report = dropped.toJson();
        assertEquals(0.34, report.at("/model/minWeight").asDouble());
        assertEquals(ModelSpec.DEFAULT_MIN_WEIGHT, kept.toJson().at("/model/minWeight").asDouble());
    }

    @Test
    void theMinimumWeightLiesInZeroToOne() {
        for (double bad : new double[] {-0.01, 1.0, Double.NaN}) {
            InvalidModelException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidModelException.class,
                    () -> ModelSpec.builder().minWeight(bad).build());
            assertEquals(Reason.MIN_WEIGHT_RANGE, e.reason());
            assertTrue(e.getMessage().startsWith("minWeight must lie in [0, 1)"), e.getMessage());
        }
        assertEquals(0.05, ModelSpec.builder().minWeight(0.05).build().mixtureOptions().minWeight());
        assertEquals(ModelSpec.DEFAULT_MIN_WEIGHT, ModelSpec.mixture(2).mixtureOptions().minWeight());
    }
}
