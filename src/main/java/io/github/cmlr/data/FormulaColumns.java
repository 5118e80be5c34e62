package io.github.cmlr.data;

import io.github.cmlr.data.formula.Design;
import io.github.cmlr.data.formula.Expr;
import io.github.cmlr.data.formula.Formula;
import io.github.cmlr.data.formula.FormulaException;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves a formula against a CSV header. Whether a bare column is numeric, and the levels of
 * its factors, must be known before the first design row: unless the levels are given (a fitted
 * model's), a first pass over the file reads the columns that decide it. Levels are those of the
 * complete rows (R's lm drops unused levels), sorted by code point as R does in the C locale.
 */
final class FormulaColumns {
    /** A column with more distinct non-numeric values than this is refused as a factor (an id column?). */
    static final int MAX_LEVELS = 1000;

    private FormulaColumns() {}

    static CsvColumns resolve(Path file, List<String> header, CsvOptions options, char sep) {
        String name = file.toString();
        Formula f = options.formula();
        Map<String, Integer> position = CsvColumns.positions(header, name);
        Set<String> columns = f.columns();
        String response = responseColumn(f, position, options.forModel());
        for (String c : columns) {
            boolean optionalResponse = options.forModel() && response == null && isResponseColumn(f, c);
            if (!position.containsKey(c) && !optionalResponse) {
                throw new CmlrException(ExitCode.DATA_FORMAT, name + ": line 1: no column named '" + c + "' (formula '"
                        + f.text() + "'); the header has " + header);
            }
        }
        Map<String, List<String>> levels = options.levels();
        Set<String> text = levels != null ? textColumns(f, levels) : null;
        List<String> notes = List.of();
        if (levels == null) {
            Scan scan = scan(file, header, position, options, sep);
            text = scan.text;
            levels = scan.levels;
            notes = scan.notes;
        }
        Design design;
        try {
            design = new Design(f, text, levels);
        } catch (FormulaException e) {
            throw new CmlrException(ExitCode.DATA_FORMAT, name + ": " + e.getMessage(), e);
        }
        List<String> slots = design.slots();
        int[] fields = new int[slots.size()];
        for (int s = 0; s < fields.length; s++) fields[s] = position.getOrDefault(slots.get(s), -1);
        int node = f.grouped() ? position.get(f.group()) : -1;
        Integer labelAt = options.labelColumn() == null ? null : position.get(options.labelColumn());
        int label = labelAt == null || columns.contains(options.labelColumn()) ? -1 : labelAt;
        int resp = response == null ? -1 : position.get(response);
        return new CsvColumns(List.copyOf(header), node, resp, fields, label, design.names(), design, notes);
    }

    /** The first column of the response, or null when new data lack it (then no response is read). */
    private static String responseColumn(Formula f, Map<String, Integer> position, boolean optional) {
        Set<String> cols = new LinkedHashSet<>();
        f.response().columns(cols);
        for (String c : cols) if (!position.containsKey(c) && optional) return null;
        return cols.isEmpty() ? null : cols.iterator().next();
    }

    private static boolean isResponseColumn(Formula f, String c) {
        Set<String> cols = new HashSet<>();
        f.response().columns(cols);
        return cols.contains(c);
    }

    /** From known levels: a bare column with levels is text, and factor(column) is text when a level is not a number. */
    private static Set<String> textColumns(Formula f, Map<String, List<String>> levels) {
        Set<String> text = new HashSet<>();
        for (Expr v : f.variables()) {
            if (v instanceof Expr.Column c && levels.containsKey(c.name())) text.add(c.name());
            if (v instanceof Expr.Call c && c.function().equals("factor") && levels.containsKey(c.deparse())) {
                for (String l : levels.get(c.deparse())) if (!isNumber(l)) text.add(((Expr.Column) c.arg()).name());
            }
        }
        return text;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private record Scan(Set<String> text, Map<String, List<String>> levels, List<String> notes) {}

    /**
     * Per candidate column, its complete cells that are numbers and that are not, and the first
     * of the latter with its line: a column read as a factor although most of its cells are
     * numbers (a typo, a stray unit) is named with that cell. Counting stops once most cells seen
     * are text and {@link #TEXTS_SEEN} of them were (a real factor), so such columns are not
     * parsed cell by cell.
     */
    private static final class CellKinds {
        static final int TEXTS_SEEN = 64;
        long numbers;
        long texts;
        String firstText;
        long firstTextLine;

        boolean counting() { return texts <= numbers || texts < TEXTS_SEEN; }

        void text(CsvTokenizer tok, int field) {
            if (texts++ == 0) {
                firstText = tok.text(field);
                firstTextLine = tok.line();
            }
        }

        /** The note for a column read as a factor, or null when most of its cells are text. */
        String factorNote(String column, int levels) {
            if (texts == 0 || texts > numbers) return null;
            return "column '" + column + "' is read as a factor (" + levels + " levels) although " + numbers + " of its "
                    + (numbers + texts) + " complete cells are numbers: " + texts + " " + (texts == 1 ? "is" : "are")
                    + " not, the first at line " + firstTextLine + ": '" + firstText + "'; if '" + column
                    + "' is numeric, correct " + (texts == 1 ? "that cell" : "those cells");
        }
    }

    /** The first pass: over the complete rows, which candidate columns are numeric, and their distinct values. */
    private static Scan scan(Path file, List<String> header, Map<String, Integer> position, CsvOptions options, char sep) {
        Formula f = options.formula();
        String name = file.toString();
        List<String> candidates = new ArrayList<>(f.categoricalCandidates());
        Set<String> factorCalls = f.factorCalls();
        int[] used = f.columns().stream().filter(position::containsKey).mapToInt(position::get).toArray();
        int[] field = candidates.stream().mapToInt(position::get).toArray();
        boolean[] numeric = new boolean[field.length];
        java.util.Arrays.fill(numeric, true);
        List<Set<String>> texts = new ArrayList<>();
        List<TreeSet<Double>> values = new ArrayList<>();
        CellKinds[] kinds = new CellKinds[field.length];
        for (int i = 0; i < field.length; i++) {
            texts.add(new HashSet<>());
            values.add(factorCalls.contains(candidates.get(i)) ? new TreeSet<>() : null);
            kinds[i] = new CellKinds();
        }
        if (!candidates.isEmpty()) {
            try (CsvInput input = CsvInput.open(file)) {
                CsvTokenizer tok = new CsvTokenizer(input.stream(), name, sep);
                tok.next();
                while (tok.next()) {
                    if (tok.blank()) continue;
                    if (tok.fieldCount() != header.size()) throw Cells.ragged(name, tok, header);
                    if (!complete(tok, used)) continue;
                    for (int i = 0; i < field.length; i++) {
                        note(tok, field[i], sep == ';', i, numeric, texts, values, kinds[i], name, header);
                    }
                }
            }
        }
        Set<String> text = new HashSet<>();
        Map<String, List<String>> levels = new HashMap<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < field.length; i++) {
            String c = candidates.get(i);
            if (!numeric[i]) {
                if (texts.get(i) == null) throw tooMany(name, c);
                text.add(c);
                List<String> sorted = new ArrayList<>(new TreeSet<>(texts.get(i)));
                String note = factorCalls.contains(c) ? null : kinds[i].factorNote(c, sorted.size()); // factor(c) asks for it
                if (note != null) notes.add(note);
                levels.put(c, sorted);
                levels.put("factor(" + new Expr.Column(c).deparse() + ")", sorted);
            } else if (values.get(i) != null) {
                List<String> sorted = new ArrayList<>();
                for (double v : values.get(i)) sorted.add(numberLevel(v));
                levels.put("factor(" + new Expr.Column(c).deparse() + ")", sorted);
            }
        }
        return new Scan(text, levels, List.copyOf(notes));
    }

    private static boolean complete(CsvTokenizer tok, int[] used) {
        for (int u : used) if (Cells.missing(tok, u)) return false;
        return true;
    }

    private static void note(CsvTokenizer tok, int field, boolean decimalComma, int i, boolean[] numeric, List<Set<String>> texts,
                             List<TreeSet<Double>> values, CellKinds kind, String file, List<String> header) {
        double v = Double.NaN;
        boolean isNumber = false;
        if (numeric[i] || kind.counting()) {
            try {
                v = Cells.number(tok, field, decimalComma);
                isNumber = numeric[i];
                kind.numbers++;
            } catch (NumberFormatException e) {
                numeric[i] = false;
                kind.text(tok, field);
            }
        }
        Set<String> t = texts.get(i);
        if (t != null) {
            t.add(tok.text(field));
            if (t.size() > MAX_LEVELS) texts.set(i, null);
        }
        if (!numeric[i] && texts.get(i) == null) throw tooMany(file, header.get(field));
        TreeSet<Double> vs = values.get(i);
        if (isNumber && vs != null) {
            vs.add(v);
            if (vs.size() > MAX_LEVELS) throw tooMany(file, header.get(field));
        }
    }

    private static CmlrException tooMany(String file, String column) {
        return new CmlrException(ExitCode.DATA_FORMAT, file + ": column '" + column + "' has more than " + MAX_LEVELS
                + " distinct values, too many for a factor (an identifier? use it as the group after '|')");
    }

    /** A numeric level as R's as.character writes it (15 significant digits). */
    static String numberLevel(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new BigDecimal(v).round(new MathContext(15)).stripTrailingZeros().toString().replace("E+", "e+").replace("E-", "e-");
    }
}
