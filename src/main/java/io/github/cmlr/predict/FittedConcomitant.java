package io.github.cmlr.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.data.ConcomitantColumns;
import io.github.cmlr.data.formula.Formula;
import io.github.cmlr.data.formula.FormulaException;
import io.github.cmlr.em.Concomitant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted concomitant model as {@code predict} needs it: the formula, its terms and factor
 * levels, and the coefficients (component 1 the baseline). In a model file it is the report's
 * {@code concomitant} object: {@code formula}, {@code terms}, {@code levels} and
 * {@code components} (2..K) each with {@code coefficients} keyed by term.
 *
 * @param coefficients K x terms, row-major, row 0 zero
 */
public record FittedConcomitant(String formula, List<String> terms, Map<String, List<String>> levels, double[] coefficients) {

    public FittedConcomitant {
        terms = List.copyOf(terms);
        levels = Map.copyOf(levels);
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() { return coefficients.clone(); }

    public int components() { return coefficients.length / terms.size(); }

    /** The design of new nodes with the fitted levels; the model file's terms must be the formula's. */
    ConcomitantColumns design() {
        ConcomitantColumns c;
        try {
            c = ConcomitantColumns.known(Formula.parseOneSided(formula), levels);
        } catch (FormulaException e) {
            throw new FittedModel.Invalid("concomitant.formula: " + e.getMessage());
        }
        if (!c.names().equals(terms)) {
            throw new FittedModel.Invalid("concomitant.terms " + terms + " are not the terms of its formula and levels " + c.names());
        }
        return c;
    }

    /** Every node's priors from its z rows (nodes x terms), nodes x K. */
    double[] priors(double[] z) {
        Concomitant model = new Concomitant(z, terms);
        int k = components();
        double[] out = new double[model.units() * k];
        model.priors(coefficients, k, out);
        return out;
    }

    ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("formula", formula);
        ArrayNode t = o.putArray("terms");
        terms.forEach(t::add);
        ObjectNode lv = o.putObject("levels");
        levels.forEach((v, l) -> {
            ArrayNode a = lv.putArray(v);
            l.forEach(a::add);
        });
        ArrayNode comps = o.putArray("components");
        int q = terms.size();
        for (int k = 1; k < components(); k++) {
            ObjectNode c = comps.addObject();
            c.put("component", k + 1);
            ObjectNode coef = c.putObject("coefficients");
            for (int i = 0; i < q; i++) coef.put(terms.get(i), coefficients[k * q + i]);
        }
        return o;
    }

    /** Reads a {@code concomitant} object of a model with K components; failures name the field. */
    static FittedConcomitant read(JsonNode c, String at, int k) {
        if (!c.isObject()) throw new FittedModel.Invalid(at + " must be an object");
        String formula = FittedModel.text(FittedModel.field(c, at, "formula"), at + ".formula");
        List<String> terms = FittedModel.names(FittedModel.field(c, at, "terms"), at + ".terms");
        if (terms.isEmpty()) throw new FittedModel.Invalid(at + ".terms is empty");
        Map<String, List<String>> levels = new LinkedHashMap<>();
        if (c.has("levels")) {
            JsonNode lv = c.get("levels");
            if (!lv.isObject()) throw new FittedModel.Invalid(at + ".levels must be an object");
            for (Map.Entry<String, JsonNode> e : lv.properties()) {
                levels.put(e.getKey(), FittedModel.names(e.getValue(), at + ".levels." + e.getKey()));
            }
        }
        JsonNode comps = FittedModel.field(c, at, "components");
        if (!comps.isArray() || comps.size() != k - 1) {
            throw new FittedModel.Invalid(at + ".components must list components 2.." + k + " (" + (k - 1) + " objects)");
        }
        int q = terms.size();
        double[] coef = new double[k * q];
        for (int i = 0; i < k - 1; i++) {
            String ci = at + ".components[" + i + "].coefficients";
            JsonNode cc = FittedModel.field(comps.get(i), at + ".components[" + i + "]", "coefficients");
            for (int t = 0; t < q; t++) coef[(i + 1) * q + t] = FittedModel.number(FittedModel.field(cc, ci, terms.get(t)),
                    ci + "." + terms.get(t));
        }
        FittedConcomitant out = new FittedConcomitant(formula, new ArrayList<>(terms), levels, coef);
        out.design();
        return out;
    }
}
