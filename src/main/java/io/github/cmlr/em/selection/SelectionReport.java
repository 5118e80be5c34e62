package io.github.cmlr.em.selection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.em.inference.StandardErrors;
import java.util.List;

/**
 * The report sections of a {@link GroupedFit}: {@code "selection"} (one row per K: components
 * kept, log-likelihood, parameters, AIC, BIC, ICL, entropy, starts at the best optimum, chosen)
 * and {@code "standardErrors"} (per component, keyed like the estimates). JSON has no NaN:
 * non-finite numbers become null.
 */
public final class SelectionReport {
    private SelectionReport() {}

    public static ObjectNode selection(ObjectMapper om, ModelSelection.Result r) {
        ObjectNode n = om.createObjectNode();
        n.put("criterion", r.criterion().name().toLowerCase(java.util.Locale.ROOT));
        n.put("chosenK", r.chosenK());
        n.put("iclConvention", "ICL = BIC + 2 * entropy of the per-node posteriors; BIC uses the number of rows");
        ArrayNode table = n.putArray("table");
        for (ModelSelection.KFit f : r.fits()) {
            ObjectNode row = table.addObject();
            row.put("k", f.k());
            row.put("componentsKept", f.components());
            number(row, "logLikelihood", f.logLik());
            row.put("parameters", f.freeParams());
            number(row, "aic", f.aic());
            number(row, "bic", f.bic());
            number(row, "icl", f.icl());
            number(row, "entropy", f.entropy());
            row.put("starts", f.fit().allLogLiks().length);
            row.put("startsAtBest", f.fit().startsAtBest());
            row.put("chosen", f.k() == r.chosenK());
            ArrayNode warnings = row.putArray("warnings");
            f.fit().best().warnings().forEach(warnings::add);
        }
        return n;
    }

    /** @param featureNames coefficient names in order (the intercept first when fitted) */
    public static ObjectNode standardErrors(ObjectMapper om, StandardErrors se, List<String> featureNames) {
        ObjectNode n = om.createObjectNode();
        n.put("method", se.method());
        n.put("available", se.available());
        ArrayNode warnings = n.putArray("warnings");
        se.warnings().forEach(warnings::add);
        if (!se.available()) return n;
        n.put("parameterisation", "covariance of (beta, log sigma, log(pi_k/pi_1)); sigma^2 and weights by the delta method");
        ArrayNode comps = n.putArray("components");
        int d = featureNames.size();
        for (int k = 0; k < se.layout().components(); k++) {
            ObjectNode c = comps.addObject();
            c.put("component", k + 1);
            number(c, "weight", se.weights()[k]);
            number(c, "variance", se.sigma2()[k]);
            number(c, "logSigma", se.logSigma()[k]);
            ObjectNode coef = c.putObject("coefficients");
            for (int i = 0; i < d; i++) number(coef, featureNames.get(i), se.beta()[k * d + i]);
        }
        return n;
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v);
        else n.putNull(key);
    }
}
