package io.github.cmlr.api;

import io.github.cmlr.api.InvalidModelException.Reason;
import io.github.cmlr.data.KeptColumns;
import io.github.cmlr.data.formula.Design;
import io.github.cmlr.data.formula.Expr;
import io.github.cmlr.data.formula.Formula;
import io.github.cmlr.data.formula.FormulaException;
import io.github.cmlr.em.Concomitant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The design of a concomitant model from the units' covariate values: R's model.matrix of a
 * one-sided formula {@code ~ z1 + z2} over one row per node. A column is numeric when every
 * node's value is a number, else a factor; factor levels are sorted (numbers by value, text in
 * the C locale's order, as cmlr's formulas do), the first the baseline. New data
 * ({@link #rows}) reuse the fitted levels; an unseen level is an error naming it.
 *
 * @param formula the one-sided formula
 * @param design  the resolved columns and factor levels
 */
public record ConcomitantDesign(Formula formula, Design design) {

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

    /**
     * Resolves the formula against the kept per-node values and builds one z row per node.
     *
     * @param kept   per-node text of (at least) the formula's columns
     * @param source the data's name, for messages
     */
    static Built fit(String text, KeptColumns kept, DataSummary data, String source) {
        Formula f = parse(text);
        Map<String, String[]> values = values(f, kept, data, source);
        Set<String> textColumns = new HashSet<>();
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (Expr v : f.variables()) {
            boolean call = v instanceof Expr.Call c && c.function().equals("factor");
            String column = factorColumn(v);
            if (column == null) continue;
            String[] col = values.get(column);
            boolean numeric = allNumbers(col);
            if (!call && numeric) continue;
            textColumns.add(column);
            levels.put(v.deparse(), sortedLevels(col, numeric));
        }
        Design design;
        try {
            design = new Design(f, textColumns, levels);
        } catch (FormulaException e) {
            throw new InvalidModelException(Reason.CONCOMITANT_SYNTAX, e.getMessage());
        }
        ConcomitantDesign cd = new ConcomitantDesign(f, design);
        return new Built(cd, cd.rows(values, data.nodeIds(), source));
    }

    /** The design and the z rows of the nodes, one per node. */
    public record Built(ConcomitantDesign design, Concomitant model) {}

    /** The term names (model.matrix columns). */
    public List<String> names() { return design.names(); }

    /**
     * The z rows of nodes whose covariate text is {@code values} (column -> one value per node).
     *
     * @throws InvalidModelException CONCOMITANT_VALUE when a value is not a number or an unseen level
     */
    public Concomitant rows(Map<String, String[]> values, List<String> nodeIds, String source) {
        List<String> slots = design.slots();
        int q = design.dim();
        int m = nodeIds.size();
        double[] z = new double[m * q];
        double[] cells = new double[slots.size()];
        double[] row = new double[q];
        for (int j = 0; j < m; j++) {
            for (int s = 0; s < slots.size(); s++) cells[s] = cell(s, values.get(slots.get(s))[j], nodeIds.get(j), source);
            design.row(cells, row);
            System.arraycopy(row, 0, z, j * q, q);
        }
        return new Concomitant(z, design.names());
    }

    private double cell(int s, String text, String node, String source) {
        String column = design.slots().get(s);
        if (design.textSlot(s)) {
            int level = design.level(s, text);
            if (level < 0) {
                throw new InvalidModelException(Reason.CONCOMITANT_VALUE, source, column, "node '" + node + "'",
                        "level '" + text + "' was not seen in the fit (its levels are " + design.slotLevels(s) + ")");
            }
            return level;
        }
        Double v = number(text);
        if (v == null) {
            throw new InvalidModelException(Reason.CONCOMITANT_VALUE, source, column, "node '" + node + "'",
                    "'" + text + "' is not a number (the fit read this column as numeric)");
        }
        return v;
    }

    /** Per formula column, its value for every node; a missing column or an empty / NA value is an error. */
    private static Map<String, String[]> values(Formula f, KeptColumns kept, DataSummary data, String source) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String column : f.columns()) {
            int c = kept == null ? -1 : kept.names().indexOf(column);
            if (c < 0) throw new InvalidModelException(Reason.CONCOMITANT_COLUMN_MISSING, source, column, data.header());
            String[] v = new String[data.nodes()];
            for (int j = 0; j < v.length; j++) {
                v[j] = kept.value(j, c).trim();
                if (v[j].isEmpty() || v[j].equals("NA")) {
                    throw new InvalidModelException(Reason.CONCOMITANT_VALUE, source, column, data.describeNode(j),
                            "missing value '" + v[j] + "' (a concomitant covariate needs a value for every node)");
                }
            }
            out.put(column, v);
        }
        return out;
    }

    private static String factorColumn(Expr v) {
        if (v instanceof Expr.Column c) return c.name();
        if (v instanceof Expr.Call c && c.function().equals("factor") && c.arg() instanceof Expr.Column a) return a.name();
        return null;
    }

    private static boolean allNumbers(String[] col) {
        for (String s : col) if (number(s) == null) return false;
        return true;
    }

    private static Double number(String s) {
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> sortedLevels(String[] col, boolean numeric) {
        if (!numeric) return new ArrayList<>(new TreeSet<>(List.of(col)));
        TreeSet<Double> byValue = new TreeSet<>();
        Map<Double, String> text = new LinkedHashMap<>();
        for (String s : col) {
            double v = Double.parseDouble(s);
            byValue.add(v);
            text.putIfAbsent(v, s);
        }
        List<String> out = new ArrayList<>();
        for (double v : byValue) out.add(text.get(v));
        return out;
    }
}
