package io.github.cmlr.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted grouped mixture as {@code predict} needs it: the column names it was fitted on and
 * its parameters. {@link #read} accepts the JSON report of {@code cmlr fit} (its {@code input.columns},
 * {@code model.intercept} and {@code estimates.components}), or a compact model file, e.g. for a
 * model fitted elsewhere:
 * <pre>
 * "model": {"nodeColumn": "node", "response": "y", "features": ["x1", "x2"], "intercept": true,
 *           "components": [{"weight": 0.4, "sigma2": 0.25, "beta": [1.0, 2.0, -1.0]}, ...]}
 * </pre>
 * {@code beta} lists the intercept first when {@code intercept} is true, then one coefficient per
 * feature in the order of {@code features}. A report of a formula fit ({@code input.formula})
 * gives the formula and its factor levels ({@code input.levels}); {@code features} are then the
 * coefficient names, and new data go through the same design (an unseen level is an error).
 */
public record FittedModel(String nodeColumn, String response, List<String> features, boolean intercept,
                          MixtureParams params, String formula, Map<String, List<String>> levels) {

    public FittedModel {
        features = List.copyOf(features);
        levels = levels == null ? Map.of() : Map.copyOf(levels);
        if (formula != null && params.dim() != features.size()) {
            throw new IllegalArgumentException("model has " + params.dim() + " coefficients per component but its formula gives "
                    + features.size() + " " + features);
        }
        if (formula == null && params.dim() != features.size() + (intercept ? 1 : 0)) {
            throw new IllegalArgumentException("model has " + params.dim() + " coefficients per component but "
                    + features.size() + " features" + (intercept ? " + intercept" : ""));
        }
    }

    /** A model of plain columns (no formula). */
    public FittedModel(String nodeColumn, String response, List<String> features, boolean intercept, MixtureParams params) {
        this(nodeColumn, response, features, intercept, params, null, null);
    }

    /** The {@code "model"} object of a report. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("nodeColumn", nodeColumn);
        o.put("response", response);
        ArrayNode f = o.putArray("features");
        features.forEach(f::add);
        o.put("intercept", intercept);
        ArrayNode comps = o.putArray("components");
        for (int k = 0; k < params.components(); k++) {
            ObjectNode c = comps.addObject();
            c.put("weight", params.weight(k));
            c.put("sigma2", params.sigma2(k));
            ArrayNode b = c.putArray("beta");
            for (double v : params.beta(k)) b.add(v);
        }
        return o;
    }

    /** Reads the {@code "model"} object of a fit report (or a file holding just that object). */
    public static FittedModel read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CmlrException(ExitCode.IO, "model file " + file + " does not exist");
        } catch (IOException e) {
            throw new CmlrException(ExitCode.SPEC, "model file " + file + " is not valid JSON: " + e.getMessage());
        }
        try {
            if (root != null && root.has("estimates")) return fromFitReport(root);
            return fromJson(root != null && root.has("model") ? root.get("model") : root);
        } catch (RuntimeException e) {
            throw new CmlrException(ExitCode.SPEC, "model file " + file + ": " + e.getMessage());
        }
    }

    /** The report of {@code cmlr fit --model mixture}: coefficients are keyed by feature name. */
    static FittedModel fromFitReport(JsonNode root) {
        JsonNode cols = required(required(root, "input"), "columns");
        boolean intercept = required(required(root, "model"), "intercept").asBoolean();
        List<String> fitted = new ArrayList<>();
        for (JsonNode f : required(cols, "features")) fitted.add(f.asText());
        JsonNode comps = required(required(root, "estimates"), "components");
        if (comps.size() < 1) throw new IllegalArgumentException("no mixture components in \"estimates\" (a symmetric-model report?)");
        int kk = comps.size();
        int d = fitted.size();
        double[] beta = new double[kk * d];
        double[] s2 = new double[kk];
        double[] w = new double[kk];
        for (int k = 0; k < kk; k++) {
            JsonNode c = comps.get(k);
            JsonNode coef = required(c, "coefficients");
            for (int i = 0; i < d; i++) beta[k * d + i] = finite(required(coef, fitted.get(i)), "coefficients");
            s2[k] = positive(required(c, "variance"), "variance", k);
            w[k] = positive(required(c, "weight"), "weight", k);
        }
        JsonNode input = required(root, "input");
        if (input.has("formula")) {
            Map<String, List<String>> levels = new LinkedHashMap<>();
            input.path("levels").fields().forEachRemaining(e -> {
                List<String> l = new ArrayList<>();
                e.getValue().forEach(v -> l.add(v.asText()));
                levels.put(e.getKey(), l);
            });
            return new FittedModel(cols.path("node").asText(null), cols.path("response").asText(null), fitted, false,
                    new MixtureParams(d, beta, s2, w), input.get("formula").asText(), levels);
        }
        List<String> features = intercept ? fitted.subList(1, d) : fitted;
        return new FittedModel(required(cols, "node").asText(), required(cols, "response").asText(), features, intercept,
                new MixtureParams(d, beta, s2, w));
    }

    static FittedModel fromJson(JsonNode m) {
        if (m == null || !m.isObject()) throw new IllegalArgumentException("no \"model\" object");
        List<String> features = new ArrayList<>();
        for (JsonNode f : required(m, "features")) features.add(f.asText());
        boolean intercept = required(m, "intercept").asBoolean();
        JsonNode comps = required(m, "components");
        int kk = comps.size();
        if (kk < 1) throw new IllegalArgumentException("\"components\" is empty");
        int d = features.size() + (intercept ? 1 : 0);
        double[] beta = new double[kk * d];
        double[] s2 = new double[kk];
        double[] w = new double[kk];
        for (int k = 0; k < kk; k++) {
            JsonNode c = comps.get(k);
            JsonNode b = required(c, "beta");
            if (b.size() != d) throw new IllegalArgumentException("component " + (k + 1) + " has " + b.size() + " coefficients, expected " + d);
            for (int i = 0; i < d; i++) beta[k * d + i] = finite(b.get(i), "beta");
            s2[k] = positive(required(c, "sigma2"), "sigma2", k);
            w[k] = positive(required(c, "weight"), "weight", k);
        }
        String node = m.has("nodeColumn") ? m.get("nodeColumn").asText() : "node";
        String response = m.has("response") ? m.get("response").asText() : "y";
        return new FittedModel(node, response, features, intercept, new MixtureParams(d, beta, s2, w));
    }

    private static JsonNode required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException("missing field \"" + field + "\"");
        return v;
    }

    private static double finite(JsonNode v, String what) {
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw new IllegalArgumentException(what + " has a non-numeric entry");
        return v.asDouble();
    }

    private static double positive(JsonNode v, String what, int k) {
        double x = finite(v, what);
        if (!(x > 0)) throw new IllegalArgumentException("component " + (k + 1) + ": " + what + " must be > 0, got " + x);
        return x;
    }
}
