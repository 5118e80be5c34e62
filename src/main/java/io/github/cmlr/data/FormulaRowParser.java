package io.github.cmlr.data;

import io.github.cmlr.data.formula.Design;
import io.github.cmlr.data.formula.FormulaException;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.List;

/**
 * A record through a formula's {@link Design}: each column the model reads becomes a cell (a
 * number, or a level index), then the design computes the response and the design row. Without
 * a group each row is its own node, named by its 1-based data row (dropped rows counted).
 */
final class FormulaRowParser implements RecordParser {
    private final CsvTokenizer tok;
    private final CsvColumns cols;
    private final Design design;
    private final String file;
    private final NodeIndex nodes;
    private final MissingCells missing;
    private final boolean omit;
    private final boolean decimalComma;
    private final List<String> header;
    private final double[] cells;
    private final double[] x;
    private final int[] missingFields;
    private double y;
    private long dataRow;

    FormulaRowParser(CsvTokenizer tok, CsvColumns cols, CsvOptions options, String file, NodeIndex nodes, MissingCells missing,
                     char sep) {
        this.tok = tok;
        this.cols = cols;
        this.design = cols.design();
        this.file = file;
        this.nodes = nodes;
        this.missing = missing;
        this.omit = options.missing() == CsvOptions.MissingPolicy.OMIT;
        this.decimalComma = sep == ';';
        this.header = cols.header();
        this.cells = new double[cols.features().length];
        this.x = new double[cols.dim()];
        this.missingFields = new int[cells.length + 1];
    }

    @Override public double y() { return y; }

    @Override public double[] x() { return x; }

    @Override
    public int parse() {
        if (tok.fieldCount() != header.size()) throw Cells.ragged(file, tok, header);
        dataRow++;
        int count = 0;
        int[] fields = cols.features();
        for (int f : fields) {
            if (f >= 0 && Cells.missing(tok, f)) {
                if (!omit) throw Cells.missingCell(Cells.where(file, tok, header, f), tok.text(f));
                missingFields[count++] = f;
            }
        }
        if (cols.node() >= 0 && Cells.missing(tok, cols.node())) {
            if (!omit) throw Cells.missingCell(Cells.where(file, tok, header, cols.node()), tok.text(cols.node()));
            missingFields[count++] = cols.node();
        }
        if (count > 0) {
            missing.drop(header, missingFields, count);
            return -1;
        }
        for (int s = 0; s < fields.length; s++) {
            int f = fields[s];
            cells[s] = f < 0 ? Double.NaN /* a response column new data lack */ : design.textSlot(s) ? level(s, f) : number(f);
        }
        y = cols.hasResponse() ? finite(design.response(cells), "the response " + design.formula().response().deparse()) : Double.NaN;
        try {
            design.row(cells, x);
        } catch (Design.UnknownLevel e) {
            throw new CmlrException(ExitCode.DATA_FORMAT, Cells.where(file, tok, header, fields[e.slot]) + ": value '"
                    + tok.text(fields[e.slot]) + "': " + e.getMessage());
        } catch (FormulaException e) {
            throw new CmlrException(ExitCode.DATA_FORMAT, file + ": line " + tok.line() + ": " + e.getMessage());
        }
        for (int i = 0; i < x.length; i++) finite(x[i], "term " + cols.featureNames().get(i));
        int node = cols.node() >= 0 ? nodes.indexOf(tok, cols.node(), tok.line()) : nodes.indexOfRowId(Long.toString(dataRow), tok.line());
        if (cols.hasLabels()) label(node);
        return node;
    }

    private int level(int slot, int field) {
        int l = design.level(slot, tok.text(field));
        if (l < 0) {
            throw new CmlrException(ExitCode.DATA_FORMAT, Cells.where(file, tok, header, field) + ": level '" + tok.text(field)
                    + "' is not one of the model's levels " + design.slotLevels(slot));
        }
        return l;
    }

    private double number(int field) {
        try {
            return Cells.number(tok, field, decimalComma);
        } catch (NumberFormatException e) {
            throw Cells.notANumber(file, tok, header, field);
        }
    }

    private double finite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new CmlrException(ExitCode.DATA_FORMAT, file + ": line " + tok.line() + ": " + what + " is " + v
                    + " (log or sqrt of a value <= 0, or a division by zero?)");
        }
        return v;
    }

    private void label(int node) {
        int field = cols.label();
        double v;
        try {
            v = Cells.number(tok, field, decimalComma);
        } catch (NumberFormatException e) {
            throw Cells.notANumber(file, tok, header, field);
        }
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
            throw new CmlrException(ExitCode.DATA_FORMAT, Cells.where(file, tok, header, field) + ": a label must be an integer >= 0, got '"
                    + tok.text(field) + "'");
        }
        int before = nodes.setLabel(node, (int) v);
        if (before >= 0) {
            throw new CmlrException(ExitCode.DATA_FORMAT, Cells.where(file, tok, header, field) + ": node '" + nodes.id(node)
                    + "' has label " + before + " on line " + nodes.firstLine(node) + " but " + (int) v + " here");
        }
    }
}
