package io.github.cmlr.data;

import io.github.cmlr.data.formula.Design;
import io.github.cmlr.data.formula.Expr;
import io.github.cmlr.data.formula.Formula;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The design of a concomitant model over one row per node: R's model.matrix of a one-sided
 * formula {@code ~ z1 + z2} from each node's covariate text. When fitted ({@link #fit}) a column
 * is numeric when every node's value is a number, else a factor; factor levels are sorted
 * (numbers by value, text in the C locale's order, as cmlr's formulas do), the first the
 * baseline. New data ({@link #known}) reuse the fitted levels: an unseen level, a missing or
 * non-numeric value is an error naming the node and the column ({@link ExitCode#DATA_FORMAT}).
 */
public final class ConcomitantColumns {
    private final Design design;

    private ConcomitantColumns(Design design) {
        this.design = design;
    }

    /**
     * Types and levels from the data.
     *
     * @param values per formula column, its text for every node (not modified)
     */
    public static ConcomitantColumns fit(Formula f, Map<String, String[]> values) {
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (Expr v : f.variables()) {
            String column = factorColumn(v);
            if (column == null) continue;
            String[] col = values.get(column);
            boolean numeric = allNumbers(col);
            if (isCall(v) || !numeric) levels.put(v.deparse(), sortedLevels(col, numeric));
        }
        return known(f, levels);
    }

    /** The fitted design again, from its formula and factor levels (a model file's). */
    public static ConcomitantColumns known(Formula f, Map<String, List<String>> levels) {
        Set<String> text = new HashSet<>();
        for (Expr v : f.variables()) {
            String column = factorColumn(v);
            if (column != null && levels.containsKey(v.deparse())) text.add(column);
        }
        return new ConcomitantColumns(new Design(f, text, levels));
    }

    /** The term names (model.matrix columns, {@code (Intercept)} first when present). */
    public List<String> names() { return design.names(); }

    /** The factor levels by variable, baseline first. */
    public Map<String, List<String>> levels() { return design.levels(); }

    /** The columns the formula reads. */
    public List<String> columns() { return design.slots(); }

    /**
     * The z rows of the nodes, nodes x terms row-major.
     *
     * @param values per formula column, its text for every node (trimmed by the caller)
     * @param nodes  how to name node j in messages, e.g. "node 'b' (first seen on line 7)"
     */
    public double[] rows(Map<String, String[]> values, List<String> nodes, String source) {
        List<String> slots = design.slots();
        int q = design.dim();
        double[] z = new double[nodes.size() * q];
        double[] cells = new double[slots.size()];
        double[] row = new double[q];
        for (int j = 0; j < nodes.size(); j++) {
            for (int s = 0; s < slots.size(); s++) cells[s] = cell(s, values.get(slots.get(s))[j], nodes.get(j), source);
            design.row(cells, row);
            System.arraycopy(row, 0, z, j * q, q);
        }
        return z;
    }

    private double cell(int s, String text, String node, String source) {
        String column = design.slots().get(s);
        if (text.isEmpty() || text.equals("NA")) {
            throw invalid(source, column, node, "missing value '" + text + "' (a concomitant covariate needs a value for every node)");
        }
        if (design.textSlot(s)) {
            int level = design.level(s, text);
            if (level < 0) {
                throw invalid(source, column, node, "level '" + text + "' was not seen in the fit (its levels are "
                        + design.slotLevels(s) + ")");
            }
            return level;
        }
        Double v = number(text);
        if (v == null) throw invalid(source, column, node, "'" + text + "' is not a number (the fit read this column as numeric)");
        return v;
    }

    private static CmlrException invalid(String source, String column, String node, String what) {
        return new CmlrException(ExitCode.DATA_FORMAT, source + ": column '" + column + "' (--concomitant) of " + node + ": " + what);
    }

    private static boolean isCall(Expr v) {
        return v instanceof Expr.Call c && c.function().equals("factor");
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

    /**
     * Per column, each node's value from kept per-node text; a missing column is an error.
     *
     * @param kept per-node text of (at least) these columns
     */
    public static Map<String, String[]> perNode(List<String> columns, KeptColumns kept, int nodes, String source,
                                                List<String> header) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String column : columns) {
            int c = kept == null ? -1 : kept.names().indexOf(column);
            if (c < 0) {
                throw new CmlrException(ExitCode.DATA_FORMAT, source + ": no column '" + column + "' (--concomitant) in the header "
                        + header);
            }
            String[] v = new String[nodes];
            for (int j = 0; j < nodes; j++) v[j] = kept.value(j, c).trim();
            out.put(column, v);
        }
        return out;
    }
}
