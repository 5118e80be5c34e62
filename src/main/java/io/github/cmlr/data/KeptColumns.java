package io.github.cmlr.data;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Input columns carried through to posteriors and predictions (--keep-cols): their text per row,
 * or per node, where a column must then hold one value within each node. Per row it also keeps
 * each row's data row in the file, which rows dropped for missing cells would otherwise shift.
 */
public final class KeptColumns {
    private final List<String> names;
    private final int[] fields;
    private final boolean perRow;
    private final String file;
    private final List<String[]> values = new ArrayList<>();
    private long[] dataRows = new long[0];
    private int rows;
    private final List<String> header;

    KeptColumns(List<String> header, List<String> names, boolean perRow, String file) {
        this.header = header;
        this.names = List.copyOf(names);
        this.perRow = perRow;
        this.file = file;
        this.fields = new int[names.size()];
        var position = CsvColumns.positions(header, file);
        for (int i = 0; i < fields.length; i++) {
            Integer at = position.get(names.get(i));
            if (at == null) {
                throw new CmlrException(ExitCode.DATA_FORMAT, file + ": line 1: no column named '" + names.get(i)
                        + "' (--keep-cols or --concomitant); the header has " + header);
            }
            fields[i] = at;
        }
    }

    /** @param dataRow the record's 1-based data row in the file (dropped rows counted) */
    void accept(CsvTokenizer tok, int node, NodeIndex nodes, long dataRow) {
        if (perRow) {
            if (rows == dataRows.length) dataRows = java.util.Arrays.copyOf(dataRows, Math.max(1024, rows * 2));
            dataRows[rows++] = dataRow;
        }
        if (fields.length == 0) return;
        if (perRow || node == values.size()) {
            String[] v = new String[fields.length];
            for (int i = 0; i < fields.length; i++) v[i] = tok.text(fields[i]);
            values.add(v);
            return;
        }
        String[] first = values.get(node);
        for (int i = 0; i < fields.length; i++) {
            if (!tok.text(fields[i]).equals(first[i])) {
                throw new CmlrException(ExitCode.DATA_FORMAT, Cells.where(file, tok, header, fields[i]) + ": '" + tok.text(fields[i])
                        + "' differs from '" + first[i] + "' on line " + nodes.firstLine(node) + " of node '" + nodes.id(node)
                        + "' (--keep-cols and --concomitant columns of a fit must hold one value per node)");
            }
        }
    }

    private KeptColumns(KeptColumns all, int count) {
        this.names = all.names.subList(0, count);
        this.fields = java.util.Arrays.copyOf(all.fields, count);
        this.perRow = all.perRow;
        this.file = all.file;
        this.header = all.header;
        this.values.addAll(all.values);
        this.dataRows = all.dataRows;
        this.rows = all.rows;
    }

    /** The first {@code count} columns only (those asked for, without columns read for another use). */
    public KeptColumns first(int count) {
        return count == names.size() ? this : new KeptColumns(this, count);
    }

    public List<String> names() { return names; }

    /** The text of kept column c for unit u (a row, or a node). */
    public String value(int u, int c) { return values.get(u)[c]; }

    public boolean perRow() { return perRow; }

    /** Per-row mode: the 1-based data row of the file that row u was read from. */
    public long dataRow(int u) { return dataRows[u]; }
}
