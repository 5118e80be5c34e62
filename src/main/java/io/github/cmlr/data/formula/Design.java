package io.github.cmlr.data.formula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A formula resolved against its data's column types and factor levels: the model.matrix
 * columns and their names, and the design row of one data row. A factor is coded by treatment
 * contrasts (its first level the baseline) when the term without it is in the model (the empty
 * term counting as present), else by one indicator per level, and without an intercept the
 * first factor of the first term with a factor gets indicators: R's rule. Interaction columns
 * run with the first variable fastest, named {@code a:b}; a factor's columns are named by the
 * variable and the level, e.g. {@code occupationwhite}.
 *
 * <p>A formula with shared terms ({@link Formula#withFixed}) codes the joint formula as above and,
 * apart, the formula without them; the shared columns are the joint columns the latter lacks, and
 * a row holds those first, then the varying ones (flexmix's FLXMRglmfix design).
 *
 * <p>A row's cells are given per {@link #slots() slot}: the numeric value of a numeric column, or
 * the level index ({@link #level}) of a text column. Instances are immutable; {@link #row} uses
 * no shared state.
 */
public final class Design {
    public static final String INTERCEPT = "(Intercept)";

    private final Formula formula;
    private final List<String> slots;
    private final boolean[] textSlot;
    private final Map<String, Map<String, Integer>> textLevels;
    private final Map<String, List<String>> levels;
    private final Expr.Compiled response;
    private final List<Coded[]> terms = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final int maxWidth;
    /** Columns of the joint model matrix (the formula and its shared terms together). */
    private final int jointWidth;
    /** The formula without its shared terms, or null when there are none. */
    private final Design varying;
    /** The joint matrix's columns that are shared (flexmix's fixed part), or null. */
    private final int[] sharedAt;

    /** A factor(column) value that is none of the factor's levels; {@link #slot} says which cell. */
    public static final class UnknownLevel extends FormulaException {
        public final int slot;

        UnknownLevel(int slot, String label, List<String> levels) {
            super("the value of " + label + " is not one of its levels " + levels);
            this.slot = slot;
        }
    }

    /** One variable of a term as coded: numeric, or a factor by contrasts or indicators. */
    private record Coded(Expr.Compiled value, int slot, Map<Double, Integer> numericLevels, int levels, boolean contrasts,
                         String label, List<String> levelNames) {
        int width() { return value != null ? 1 : contrasts ? levels - 1 : levels; }

        boolean factor() { return value == null; }
    }

    /**
     * @param textColumns the columns that are not numeric (their cells are level indices)
     * @param levels      per factor variable (keyed by its label, e.g. {@code g} or {@code factor(x)}),
     *                    its levels in order, the baseline first; numeric levels as text
     */
    public Design(Formula formula, Set<String> textColumns, Map<String, List<String>> levels) {
        this(formula, cellColumns(formula), textColumns, levels);
    }

    /** The columns of a row's cells: every column the formula reads but the group. */
    private static List<String> cellColumns(Formula formula) {
        List<String> s = new ArrayList<>(formula.columns());
        s.remove(formula.group());
        return s;
    }

    private Design(Formula formula, List<String> cellColumns, Set<String> textColumns, Map<String, List<String>> levels) {
        this.formula = formula;
        this.slots = cellColumns;
        Map<String, Integer> slot = new HashMap<>();
        for (int i = 0; i < slots.size(); i++) slot.put(slots.get(i), i);
        this.textSlot = new boolean[slots.size()];
        this.levels = new LinkedHashMap<>();
        this.textLevels = new HashMap<>();
        checkNumeric(formula.response(), textColumns, "the response");
        this.response = formula.response().compile(slot);
        for (String c : textColumns) if (slot.containsKey(c)) textSlot[slot.get(c)] = true;
        int widest = 1;
        if (formula.intercept()) names.add(INTERCEPT);
        Set<Set<String>> seen = new HashSet<>();
        if (formula.intercept()) seen.add(Set.of());
        boolean firstFactorSeen = false;
        for (Term t : formula.terms()) {
            Coded[] coded = new Coded[t.order()];
            for (int v = 0; v < t.order(); v++) {
                Expr e = t.variables().get(v);
                String label = e.deparse();
                if (!isFactor(e, textColumns)) {
                    checkNumeric(e, textColumns, "'" + t.label() + "'");
                    coded[v] = new Coded(e.compile(slot), -1, null, 1, false, label, null);
                    continue;
                }
                List<String> lv = levels.get(label);
                if (lv == null) throw new FormulaException("formula '" + formula.text() + "': no levels known for factor " + label);
                boolean contrasts = contrasted(t, v, seen) && (formula.intercept() || firstFactorSeen);
                firstFactorSeen = true;
                if (contrasts && lv.size() < 2) {
                    throw new FormulaException("formula '" + formula.text() + "': factor " + label + " has only one level "
                            + lv + " in the rows used; contrasts need at least two");
                }
                this.levels.put(label, List.copyOf(lv));
                String column = factorColumn(e);
                int s = slot.get(column);
                Map<Double, Integer> numeric = textSlot[s] ? null : numericLevels(label, lv);
                if (textSlot[s]) textLevels.computeIfAbsent(column, k -> index(lv));
                coded[v] = new Coded(null, s, numeric, lv.size(), contrasts, label, lv);
            }
            seen.add(labels(t));
            terms.add(coded);
            int before = names.size();
            addNames(coded);
            widest = Math.max(widest, names.size() - before);
        }
        if (names.isEmpty()) throw new FormulaException("formula '" + formula.text() + "' has no terms and no intercept");
        this.maxWidth = widest;
        this.jointWidth = names.size();
        this.varying = formula.hasFixed() ? new Design(formula.varying(), slots, textColumns, levels) : null;
        this.sharedAt = varying == null ? null : sharedColumns(varying.names());
    }

    /**
     * With shared terms: the joint matrix's columns the varying matrix lacks (flexmix's fixed
     * part), and the coefficient names become those first, then the varying ones: flexmix's order.
     */
    private int[] sharedColumns(List<String> varyingNames) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) if (!varyingNames.contains(names.get(i))) at.add(i);
        if (at.isEmpty()) {
            throw new FormulaException("shared terms '" + formula.fixed() + "' add no column to the formula '"
                    + formula.text() + "'");
        }
        List<String> ordered = new ArrayList<>();
        for (int i : at) ordered.add(names.get(i));
        ordered.addAll(varyingNames);
        names.clear();
        names.addAll(ordered);
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isFactor(Expr e, Set<String> textColumns) {
        if (e instanceof Expr.Call call) return call.function().equals("factor");
        return e instanceof Expr.Column c && textColumns.contains(c.name());
    }

    private static String factorColumn(Expr e) {
        return e instanceof Expr.Call c ? ((Expr.Column) c.arg()).name() : ((Expr.Column) e).name();
    }

    /** Contrasts when the term without variable v appeared before (the empty term: always, R's rule). */
    private static boolean contrasted(Term t, int v, Set<Set<String>> seen) {
        if (t.order() == 1) return true;
        Set<String> rest = new HashSet<>(labels(t));
        rest.remove(t.variables().get(v).deparse());
        return seen.contains(rest);
    }

    private static Set<String> labels(Term t) {
        Set<String> s = new HashSet<>();
        for (Expr e : t.variables()) s.add(e.deparse());
        return s;
    }

    private void checkNumeric(Expr e, Set<String> textColumns, String where) {
        Set<String> cols = new HashSet<>();
        e.columns(cols);
        for (String c : cols) {
            if (textColumns.contains(c)) {
                throw new FormulaException("formula '" + formula.text() + "': column '" + c + "' is not numeric but "
                        + where + " uses it as a number");
            }
        }
    }

    private Map<Double, Integer> numericLevels(String label, List<String> lv) {
        Map<Double, Integer> m = new HashMap<>();
        for (int i = 0; i < lv.size(); i++) {
            try {
                m.put(Double.parseDouble(lv.get(i)), i);
            } catch (NumberFormatException e) {
                throw new FormulaException("factor " + label + ": level '" + lv.get(i) + "' is not a number");
            }
        }
        return m;
    }

    private static Map<String, Integer> index(List<String> lv) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < lv.size(); i++) m.put(lv.get(i), i);
        return m;
    }

    private void addNames(Coded[] coded) {
        List<String> acc = new ArrayList<>(List.of(""));
        for (int v = 0; v < coded.length; v++) {
            Coded c = coded[v];
            List<String> mine = new ArrayList<>();
            if (!c.factor()) mine.add(c.label());
            else for (int l = c.contrasts() ? 1 : 0; l < c.levels(); l++) mine.add(c.label() + c.levelNames().get(l));
            List<String> next = new ArrayList<>();
            for (String m : mine) for (String a : acc) next.add(v == 0 ? m : a + ":" + m);
            acc = next;
        }
        names.addAll(acc);
    }

    public Formula formula() { return formula; }

    /** The columns a row's cells hold, in cell order (the group column is not among them). */
    public List<String> slots() { return List.copyOf(slots); }

    /** True when slot s holds a text column's level index. */
    public boolean textSlot(int s) { return textSlot[s]; }

    /** The level index of {@code text} in text slot s, or -1 when the level is unknown. */
    public int level(int s, String text) {
        return textLevels.get(slots.get(s)).getOrDefault(text, -1);
    }

    /** The known levels of the column in text slot s. */
    public List<String> slotLevels(int s) {
        Map<String, Integer> m = textLevels.get(slots.get(s));
        List<String> out = new ArrayList<>(m.keySet());
        out.sort((a, b) -> m.get(a) - m.get(b));
        return out;
    }

    /** Coefficient names as model.matrix gives them. */
    public List<String> names() { return List.copyOf(names); }

    public int dim() { return names.size(); }

    /** The levels of every factor variable, keyed by its label (R's xlevels). */
    public Map<String, List<String>> levels() { return java.util.Collections.unmodifiableMap(levels); }

    public double response(double[] cells) { return response.eval(cells); }

    /**
     * Fills {@code x} (length {@link #dim()}) with the design row of {@code cells} (not modified).
     *
     * @throws UnknownLevel when a factor(...) value is not one of its levels
     */
    public void row(double[] cells, double[] x) {
        if (varying == null) {
            jointRow(cells, x);
            return;
        }
        double[] joint = new double[jointWidth];
        jointRow(cells, joint);
        for (int i = 0; i < sharedAt.length; i++) x[i] = joint[sharedAt[i]];
        double[] rest = new double[varying.dim()];
        varying.row(cells, rest);
        System.arraycopy(rest, 0, x, sharedAt.length, rest.length);
    }

    /** The first {@link #sharedColumns()} coefficients are shared by all components (0 without shared terms). */
    public int sharedColumns() { return sharedAt == null ? 0 : sharedAt.length; }

    private void jointRow(double[] cells, double[] x) {
        int at = 0;
        if (formula.intercept()) x[at++] = 1.0;
        double[] acc = new double[maxWidth];
        for (Coded[] term : terms) {
            int width = 1;
            acc[0] = 1.0;
            for (Coded c : term) width = multiply(acc, width, c, cells);
            System.arraycopy(acc, 0, x, at, width);
            at += width;
        }
    }

    /** acc (width w) times the variable's coding: the new index is i + w * j, so the first variable runs fastest. */
    private static int multiply(double[] acc, int w, Coded c, double[] cells) {
        if (!c.factor()) {
            double v = c.value().eval(cells);
            for (int i = 0; i < w; i++) acc[i] *= v;
            return w;
        }
        int level = levelOf(c, cells[c.slot()]);
        int j = c.contrasts() ? level - 1 : level;
        int width = c.width();
        for (int i = w - 1; i >= 0; i--) {
            double a = acc[i];
            for (int k = 0; k < width; k++) acc[i + w * k] = 0.0;
            if (j >= 0) acc[i + w * j] = a;
        }
        return w * width;
    }

    private static int levelOf(Coded c, double cell) {
        if (c.numericLevels() == null) return (int) cell;
        Integer l = c.numericLevels().get(cell);
        if (l == null) throw new UnknownLevel(c.slot(), c.label(), c.levelNames());
        return l;
    }
}
