package io.github.cmlr.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 * A fit with shared coefficients also gives its shared terms ({@code input.fixed}, {@code ~ x3}):
 * they are part of the design, and each component's coefficients hold the shared values.
 * A report's (or model object's) {@code concomitant} object gives the mixing weights as a logit
 * of node covariates ({@link FittedConcomitant}); new nodes then take their priors from it.
 */
public record FittedModel(String nodeColumn, String response, List<String> features, boolean intercept,
                          MixtureParams params, String formula, Map<String, List<String>> levels, String fixed,
                          FittedConcomitant concomitant) {

    public FittedModel {
        features = List.copyOf(features);
        levels = levels == null ? Map.of() : Map.copyOf(levels);
        if (fixed != null && formula == null) throw new IllegalArgumentException("shared terms need a formula");
        if (formula != null && params.dim() != features.size()) {
            throw new IllegalArgumentException("model has " + params.dim() + " coefficients per component but its formula gives "
                    + features.size() + " " + features);
        }
        if (formula == null && params.dim() != features.size() + (intercept ? 1 : 0)) {
            throw new IllegalArgumentException("model has " + params.dim() + " coefficients per component but "
                    + features.size() + " features" + (intercept ? " + intercept" : ""));
        }
    }

    /** A formula model without shared terms, or a model of plain columns (formula and levels null). */
    public FittedModel(String nodeColumn, String response, List<String> features, boolean intercept, MixtureParams params,
                       String formula, Map<String, List<String>> levels) {
        this(nodeColumn, response, features, intercept, params, formula, levels, null);
    }

    /** A model without a concomitant model. */
    public FittedModel(String nodeColumn, String response, List<String> features, boolean intercept, MixtureParams params,
                       String formula, Map<String, List<String>> levels, String fixed) {
        this(nodeColumn, response, features, intercept, params, formula, levels, fixed, null);
    }

    /** The same model with node priors from a concomitant model. */
    public FittedModel withConcomitant(FittedConcomitant c) {
        if (c != null && c.components() != params.components()) {
            throw new Invalid("concomitant has " + c.components() + " components, the model " + params.components());
        }
        return new FittedModel(nodeColumn, response, features, intercept, params, formula, levels, fixed, c);
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
        if (concomitant != null) o.set("concomitant", concomitant.toJson(mapper));
        return o;
    }

    /** Weights must sum to 1 within this (a report prints them to full precision). */
    static final double WEIGHT_SUM_TOLERANCE = 1e-6;

    /**
     * Reads the {@code "model"} object of a fit report (or a file holding just that object). Every
     * field is checked for its type and value; a failure names the model file and the JSON field
     * ({@link ExitCode#SPEC}).
     */
    public static FittedModel read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CmlrException(ExitCode.IO, "model file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new CmlrException(ExitCode.SPEC, "model file " + file + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, "model file " + file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            if (root != null && root.isObject() && root.has("estimates")) {
                return validated(withConcomitant(fromFitReport(root), root, "concomitant"));
            }
            if (root != null && root.isObject() && root.has("model")) {
                return validated(withConcomitant(fromJson(root.get("model"), "model"), root.get("model"), "model.concomitant"));
            }
            return validated(withConcomitant(fromJson(root, ""), root, "concomitant"));
        } catch (Invalid e) {
            throw new CmlrException(ExitCode.SPEC, "model file " + file + ": " + e.getMessage());
        }
    }

    private static FittedModel withConcomitant(FittedModel m, JsonNode holder, String at) {
        JsonNode c = holder.get("concomitant");
        if (c == null || c.isNull()) return m;
        return m.withConcomitant(FittedConcomitant.read(c, at, m.params().components()));
    }

    /** A model field that is missing, of the wrong type or impossible; the message names the field. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /** The report of {@code cmlr fit --model mixture}: coefficients are keyed by feature name. */
    static FittedModel fromFitReport(JsonNode root) {
        JsonNode cols = object(field(object(field(root, "", "input"), "input"), "input", "columns"), "input.columns");
        boolean intercept = bool(field(object(field(root, "", "model"), "model"), "model", "intercept"), "model.intercept");
        List<String> fitted = names(field(cols, "input.columns", "features"), "input.columns.features");
        JsonNode comps = array(field(object(field(root, "", "estimates"), "estimates"), "estimates", "components"),
                "estimates.components");
        if (comps.size() < 1) throw new Invalid("no mixture components in \"estimates\" (a symmetric-model report?)");
        int kk = comps.size();
        int d = fitted.size();
        double[] beta = new double[kk * d];
        double[] s2 = new double[kk];
        double[] w = new double[kk];
        for (int k = 0; k < kk; k++) {
            String at = "estimates.components[" + k + "]";
            JsonNode c = object(comps.get(k), at);
            JsonNode coef = object(field(c, at, "coefficients"), at + ".coefficients");
            for (int i = 0; i < d; i++) {
                beta[k * d + i] = number(field(coef, at + ".coefficients", fitted.get(i)), at + ".coefficients." + fitted.get(i));
            }
            s2[k] = positive(field(c, at, "variance"), at + ".variance");
            w[k] = weight(field(c, at, "weight"), at + ".weight");
        }
        JsonNode input = object(field(root, "", "input"), "input");
        if (input.has("formula")) return formulaModel(input, cols, fitted, new MixtureParams(d, beta, s2, w));
        if (intercept && (d == 0 || !CsvOptions.INTERCEPT_NAME.equals(fitted.get(0)))) {
            throw new Invalid("input.columns.features must start with " + CsvOptions.INTERCEPT_NAME
                    + " when model.intercept is true");
        }
        List<String> features = intercept ? fitted.subList(1, d) : fitted;
        return model(text(field(cols, "input.columns", "node"), "input.columns.node"),
                text(field(cols, "input.columns", "response"), "input.columns.response"), features, intercept, d, beta, s2, w);
    }

    /** A formula fit: the coefficient names are the design's, the factor levels come with it. */
    private static FittedModel formulaModel(JsonNode input, JsonNode cols, List<String> coefficients, MixtureParams params) {
        String formula = text(input.get("formula"), "input.formula");
        Map<String, List<String>> levels = new LinkedHashMap<>();
        if (input.has("levels")) {
            for (Map.Entry<String, JsonNode> e : object(input.get("levels"), "input.levels").properties()) {
                levels.put(e.getKey(), names(e.getValue(), "input.levels." + e.getKey()));
            }
        }
        String node = cols.hasNonNull("node") ? text(cols.get("node"), "input.columns.node") : null;
        String response = cols.hasNonNull("response") ? text(cols.get("response"), "input.columns.response") : null;
        String fixed = input.has("fixed") ? text(input.get("fixed"), "input.fixed") : null;
        return new FittedModel(node, response, coefficients, false, params, formula, levels, fixed);
    }

    /** @param at the JSON path of the model object, for messages ("model", or "" for the root) */
    static FittedModel fromJson(JsonNode m, String at) {
        String p = at.isEmpty() ? "" : at + ".";
        if (m == null || !m.isObject()) {
            throw new Invalid(at.isEmpty() ? "expected a JSON object with \"features\", \"intercept\" and \"components\""
                    : at + " must be an object, got " + kind(m));
        }
        List<String> features = names(field(m, at, "features"), p + "features");
        boolean intercept = bool(field(m, at, "intercept"), p + "intercept");
        JsonNode comps = array(field(m, at, "components"), p + "components");
        int kk = comps.size();
        if (kk < 1) throw new Invalid(p + "components is empty");
        int d = features.size() + (intercept ? 1 : 0);
        double[] beta = new double[kk * d];
        double[] s2 = new double[kk];
        double[] w = new double[kk];
        for (int k = 0; k < kk; k++) {
            String ck = p + "components[" + k + "]";
            JsonNode c = object(comps.get(k), ck);
            JsonNode b = array(field(c, ck, "beta"), ck + ".beta");
            if (b.size() != d) {
                throw new Invalid(ck + ".beta has " + b.size() + " coefficients, expected " + d + " ("
                        + (intercept ? "the intercept and " : "") + features.size() + " features)");
            }
            for (int i = 0; i < d; i++) beta[k * d + i] = number(b.get(i), ck + ".beta[" + i + "]");
            s2[k] = positive(field(c, ck, "sigma2"), ck + ".sigma2");
            w[k] = weight(field(c, ck, "weight"), ck + ".weight");
        }
        String node = m.has("nodeColumn") ? text(m.get("nodeColumn"), p + "nodeColumn") : "node";
        String response = m.has("response") ? text(m.get("response"), p + "response") : "y";
        return model(node, response, features, intercept, d, beta, s2, w);
    }

    private static FittedModel model(String node, String response, List<String> features, boolean intercept, int d,
                                     double[] beta, double[] s2, double[] w) {
        if (d < 1) throw new Invalid("the model has no coefficients (no features and no intercept)");
        return new FittedModel(node, response, features, intercept, new MixtureParams(d, beta, s2, w));
    }

    /** Checks what types alone cannot: distinct names, positive variances, weights summing to 1. */
    static FittedModel validated(FittedModel m) {
        Set<String> seen = new HashSet<>();
        boolean columns = m.formula() == null; // a formula's features are coefficient names, not columns
        for (String f : m.features()) {
            if (f.isEmpty()) throw new Invalid("a feature name is empty");
            if (!seen.add(f)) throw new Invalid("feature '" + f + "' is listed twice");
            if (columns && (f.equals(m.nodeColumn()) || f.equals(m.response()))) {
                throw new Invalid("feature '" + f + "' is also the " + (f.equals(m.nodeColumn()) ? "node" : "response") + " column");
            }
        }
        if (columns && m.nodeColumn().equals(m.response())) {
            throw new Invalid("the node and the response column are both '" + m.response() + "'");
        }
        MixtureParams p = m.params();
        double sum = 0;
        for (int k = 0; k < p.components(); k++) sum += p.weight(k);
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            throw new Invalid("the component weights sum to " + sum + ", not 1 (within " + WEIGHT_SUM_TOLERANCE + ")");
        }
        return m;
    }

    // ---- typed field access, each failure naming the field's JSON path ----

    static JsonNode field(JsonNode o, String at, String name) {
        JsonNode v = o.get(name);
        String path = at.isEmpty() ? name : at + "." + name;
        if (v == null || v.isNull()) throw new Invalid("missing field " + path);
        return v;
    }

    private static JsonNode object(JsonNode v, String path) {
        if (!v.isObject()) throw new Invalid("" + path + " must be an object, got " + kind(v));
        return v;
    }

    private static JsonNode array(JsonNode v, String path) {
        if (!v.isArray()) throw new Invalid("" + path + " must be an array, got " + kind(v));
        return v;
    }

    static String text(JsonNode v, String path) {
        if (!v.isTextual()) throw new Invalid("" + path + " must be a string, got " + kind(v));
        return v.asText();
    }

    private static boolean bool(JsonNode v, String path) {
        if (!v.isBoolean()) throw new Invalid("" + path + " must be true or false, got " + kind(v));
        return v.asBoolean();
    }

    static double number(JsonNode v, String path) {
        if (v == null || !v.isNumber()) throw new Invalid("" + path + " must be a number, got " + kind(v));
        double x = v.asDouble();
        if (!Double.isFinite(x)) throw new Invalid(path + " = " + v.asText() + " is not a finite double");
        return x;
    }

    private static double positive(JsonNode v, String path) {
        double x = number(v, path);
        if (!(x > 0)) throw new Invalid(path + " must be > 0, got " + x);
        return x;
    }

    private static double weight(JsonNode v, String path) {
        double x = number(v, path);
        if (!(x > 0 && x <= 1)) throw new Invalid(path + " must be in (0, 1], got " + x);
        return x;
    }

    static List<String> names(JsonNode v, String path) {
        array(v, path);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(text(v.get(i), path + "[" + i + "]"));
        return out;
    }

    /** The JSON type of a value and a short excerpt of it, for messages. */
    private static String kind(JsonNode v) {
        if (v == null || v.isNull()) return "null";
        String text = v.toString();
        String excerpt = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        return v.getNodeType().name().toLowerCase(Locale.ROOT) + " " + excerpt;
    }
}
