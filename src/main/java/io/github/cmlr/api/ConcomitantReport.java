package io.github.cmlr.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.em.inference.ZTest;
import io.github.cmlr.util.JsonNumbers;

/** The report's {@code concomitant} section: the weights' logit coefficients with errors, z and p. */
final class ConcomitantReport {
    private static final String NO_ERRORS = "standard errors not computed or unavailable (see standardErrors)";

    private ConcomitantReport() {}

    static ObjectNode json(ConcomitantFit c) {
        ObjectNode n = ReportJson.JSON.createObjectNode();
        n.put("formula", c.formula());
        n.put("model", "multinomial logit of the mixing weights (flexmix's FLXPmultinom): pi_jk = softmax_k(z_j^T gamma_k)"
                + " with gamma_1 = 0; the estimates' weights are the mean priors over the units");
        n.put("baseline", 1);
        ArrayNode terms = n.putArray("terms");
        c.terms().forEach(terms::add);
        ObjectNode levels = n.putObject("levels");
        c.levels().forEach((v, l) -> {
            ArrayNode a = levels.putArray(v);
            l.forEach(a::add);
        });
        if (c.standardErrors() == null) n.put("standardErrorsReason", NO_ERRORS);
        else n.put("tests", "z = coefficient / standard error, p = two-sided normal P(|Z| >= |z|) for coefficient = 0");
        ArrayNode comps = n.putArray("components");
        for (int k = 1; k < c.components(); k++) comps.add(component(c, k));
        return n;
    }

    private static ObjectNode component(ConcomitantFit c, int k) {
        ObjectNode comp = ReportJson.JSON.createObjectNode();
        comp.put("component", k + 1);
        ObjectNode coef = comp.putObject("coefficients");
        for (int t = 0; t < c.terms().size(); t++) ReportJson.putNumber(coef, c.terms().get(t), c.coefficient(k, t));
        if (c.standardErrors() == null) return comp;
        ObjectNode se = comp.putObject("standardErrors");
        ObjectNode z = comp.putObject("z");
        ObjectNode p = comp.putObject("p");
        for (int t = 0; t < c.terms().size(); t++) {
            String name = c.terms().get(t);
            double e = c.standardErrors()[k * c.terms().size() + t];
            double zi = ZTest.z(c.coefficient(k, t), e);
            put(se, name, e);
            put(z, name, zi);
            put(p, name, ZTest.twoSidedP(zi));
        }
        return comp;
    }

    private static void put(ObjectNode n, String key, double v) {
        JsonNumbers.put(n, key, v, JsonNumbers.Style.CAMEL, "no information for this parameter (see standardErrors.warnings)");
    }
}
