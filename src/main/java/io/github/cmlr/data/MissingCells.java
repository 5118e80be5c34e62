package io.github.cmlr.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows dropped because a column the model uses is missing (empty or NA), and per column how many. */
public final class MissingCells {
    private long rows;
    private final Map<String, Long> byColumn = new LinkedHashMap<>();

    /** Records one dropped row, missing in the given columns. */
    void drop(List<String> header, int[] fields, int count) {
        rows++;
        for (int i = 0; i < count; i++) byColumn.merge(header.get(fields[i]), 1L, Long::sum);
    }

    /** Rows dropped. */
    public long rows() { return rows; }

    /** Per column, the dropped rows where it was missing (a row missing two columns counts in both). */
    public Map<String, Long> byColumn() { return Collections.unmodifiableMap(byColumn); }

    /** "3 rows with missing values dropped (Ozone: 3, Solar.R: 1)", or "" when none was. */
    public String describe() {
        if (rows == 0) return "";
        StringBuilder b = new StringBuilder().append(rows).append(rows == 1 ? " row" : " rows")
                .append(" with missing values dropped (");
        String sep = "";
        for (Map.Entry<String, Long> e : byColumn.entrySet()) {
            b.append(sep).append(e.getKey()).append(": ").append(e.getValue());
            sep = ", ";
        }
        return b.append(')').toString();
    }
}
