package io.github.cmlr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.inference.ZTest;
import io.github.cmlr.em.selection.GroupedFit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The standard-error section names its method, gives z and p beside each coefficient, and with
 * bootstrap errors compares them with the analytic ones: data with a node-level random
 * intercept (within-group correlation the mixture does not model) make the bootstrap's
 * intercept errors several times the analytic ones, and the report says why.
 */
class StandardErrorReportTest {

    /** 40 nodes of 20 rows from two components (sigma 0.5); each node's rows share a N(0, tau^2) shift. */
    static ArraySource data(double tau, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int m = 40;
        int n = 20;
        String[] nodes = new String[m * n];
        double[][] x = new double[m * n][1];
        double[] y = new double[m * n];
        for (int j = 0; j < m; j++) {
            boolean first = j % 2 == 0;
            double shift = tau * rng.nextGaussian();
            for (int i = 0; i < n; i++) {
                int r = j * n + i;
                nodes[r] = "n" + j;
                x[r][0] = rng.nextGaussian();
                y[r] = (first ? 1 + 2 * x[r][0] : -3 - x[r][0]) + shift + 0.5 * rng.nextGaussian();
            }
        }
        return DataSource.rows(nodes, x, y, List.of("x")).withIntercept();
    }

    static ModelFit fit(ArraySource data, GroupedFit.ErrorMethod method) {
        try (CpuBackend cpu = new CpuBackend(1)) {
            return Cmlr.fit(data, ModelSpec.builder().k(2).standardErrors(method).bootstrap(60).seed(5).build(), cpu);
        }
    }

    @Test
    void analyticErrorsNameTheMethodAndGiveZAndP() {
        ModelFit f = fit(data(0, 1), GroupedFit.ErrorMethod.ANALYTIC);
        JsonNode se = f.toJson().get("standardErrors");
        assertEquals("analytic", se.get("method").asText());
        assertTrue(se.get("description").asText().startsWith("observed information"), se.toString());
        assertTrue(se.get("replicates") == null);
        List<String> names = f.coefficientNames();
        for (int k = 0; k < 2; k++) {
            JsonNode c = se.at("/components/" + k);
            for (int i = 0; i < names.size(); i++) {
                double s = c.at("/coefficients").get(names.get(i)).asDouble();
                double z = c.at("/z").get(names.get(i)).asDouble();
                assertEquals(f.estimates().beta(k, i) / s, z, 1e-12 * Math.abs(z));
                assertEquals(ZTest.twoSidedP(z), c.at("/p").get(names.get(i)).asDouble(), 0.0);
                assertTrue(Math.abs(z) > 5, "well-determined coefficient " + names.get(i) + ": z " + z);
            }
        }
    }

    @Test
    void bootstrapOverCorrelatedGroupsWarnsAndExplains() {
        ModelFit f = fit(data(1.0, 2), GroupedFit.ErrorMethod.BOOTSTRAP);
        JsonNode se = f.toJson().get("standardErrors");
        assertEquals("bootstrap", se.get("method").asText());
        assertEquals(60, se.get("replicates").asInt());
        assertEquals(5, se.get("seed").asLong());
        assertTrue(se.get("description").asText().contains("60 replicates"), se.toString());
        double boot = se.at("/components/0/coefficients/(intercept)").asDouble();
        double analytic = se.at("/analytic/components/0/coefficients/(intercept)").asDouble();
        assertTrue(boot > 2 * analytic, "bootstrap " + boot + " vs analytic " + analytic);
        String expected = "bootstrap standard errors exceed the analytic ones more than 2.0x";
        assertTrue(f.warnings().stream().anyMatch(w -> w.startsWith(expected) && w.contains("correlation within groups")),
                f.warnings().toString());
        boolean inSection = false;
        for (JsonNode w : se.get("warnings")) inSection |= w.asText().startsWith(expected);
        assertTrue(inSection, se.get("warnings").toString());
    }

    @Test
    void bootstrapOverIndependentRowsAgreesWithTheAnalyticErrors() {
        ModelFit f = fit(data(0, 3), GroupedFit.ErrorMethod.BOOTSTRAP);
        assertFalse(f.warnings().stream().anyMatch(w -> w.startsWith("bootstrap standard errors")), f.warnings().toString());
        JsonNode se = f.toJson().get("standardErrors");
        double boot = se.at("/components/0/coefficients/x").asDouble();
        double analytic = se.at("/analytic/components/0/coefficients/x").asDouble();
        assertTrue(boot > 0.5 * analytic && boot < 2 * analytic, boot + " vs " + analytic);
    }
}
