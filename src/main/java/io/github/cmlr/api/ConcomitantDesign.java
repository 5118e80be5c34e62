package io.github.cmlr.api;

import io.github.cmlr.api.InvalidModelException.Reason;
import io.github.cmlr.data.ConcomitantColumns;
import io.github.cmlr.data.KeptColumns;
import io.github.cmlr.data.formula.Formula;
import io.github.cmlr.data.formula.FormulaException;
import io.github.cmlr.em.Concomitant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A concomitant model's formula and its design over the fitted nodes ({@link ConcomitantColumns}).
 *
 * @param formula the one-sided formula
 * @param columns the resolved design (term names, factor levels)
 */
public record ConcomitantDesign(Formula formula, ConcomitantColumns columns) {

    /** Parses {@code ~ terms}; a syntax error is an {@link InvalidModelException} naming the character. */
    public static Formula parse(String text) {
        try {
            Formula f = Formula.parseOneSided(text);
            if (f.terms().isEmpty() && !f.intercept()) throw new FormulaException("formula '" + text + "' has no terms and no intercept");
            return f;
        } catch (FormulaException e) {
            throw new InvalidModelException(Reason.CONCOMITANT_SYNTAX, e.getMessage());
        }
    }

    /** The data columns the formula reads, in order of first appearance. */
    public static List<String> columns(String text) {
        return List.copyOf(parse(text).columns());
    }

    /** The design and the z rows of the units. */
    public record Built(ConcomitantDesign design, Concomitant model) {}

    /** The term names (model.matrix columns). */
    public List<String> names() { return columns.names(); }

    /**
     * Resolves the formula against the kept per-node values and builds one z row per node.
     *
     * @param kept per-node text of (at least) the formula's columns
     */
    static Built fit(String text, KeptColumns kept, DataSummary data) {
        Formula f = parse(text);
        Map<String, String[]> values = ConcomitantColumns.perNode(List.copyOf(f.columns()), kept, data.nodes(), data.source(),
                data.header());
        ConcomitantColumns columns;
        try {
            columns = ConcomitantColumns.fit(f, values);
        } catch (FormulaException e) { // the formula parsed: what fails is its columns' values (e.g. one level)
            throw new InvalidModelException(Reason.CONCOMITANT_DATA, data.source(), e.getMessage());
        }
        List<String> nodes = new ArrayList<>(data.nodes());
        for (int j = 0; j < data.nodes(); j++) nodes.add(data.describeNode(j));
        double[] z = columns.rows(values, nodes, data.source());
        return new Built(new ConcomitantDesign(f, columns), new Concomitant(z, columns.names()));
    }
}
