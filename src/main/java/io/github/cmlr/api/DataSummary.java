package io.github.cmlr.api;

import io.github.cmlr.data.KeptColumns;
import java.util.List;
import java.util.Map;

/**
 * What a fit's data held, as the report describes it.
 *
 * @param source         the file as given, or a description of in-memory data
 * @param rows           data rows
 * @param bytes          bytes read (compressed size for gzip files; 0 for in-memory data)
 * @param nodeColumn     name of the node (group) column, or null when every row is its own node (a
 *                       formula without a group)
 * @param responseColumn name of the response column (a formula's response expression)
 * @param coefficients   coefficient names in order (the intercept first when fitted)
 * @param intercept      whether the first coefficient is an added intercept
 * @param header         every column name of the source, in order
 * @param nodeIds        node ids in order of first appearance
 * @param nodeRows       rows of each node
 * @param nodeFirstLines 1-based line of each node's first row, or null for in-memory data
 * @param labels         per-node labels of the label column (as read), or null when there is none
 * @param readNanos      wall time of reading (and, when streamed, of the statistics)
 * @param formula        the model formula as given, or null
 * @param levels         the formula's factor levels by variable (baseline first), or null
 * @param droppedRows    rows dropped for a missing cell in a column the model uses
 * @param droppedByColumn per column, the dropped rows where it was missing
 * @param kept           the columns carried through to the posteriors, or null
 * @param separator      the field separator read (0 for in-memory data)
 * @param fixed          the terms shared by all components as given ({@code ~ x3}), or null
 * @param sharedColumns  how many leading coefficients ({@code coefficients}) all components share
 * @param notes          what reading decided that the user may not expect (a formula's column read
 *                       as a factor although most of its cells are numbers), one sentence each; the
 *                       fit reports them among its warnings
 */
public record DataSummary(String source, long rows, long bytes, String nodeColumn, String responseColumn,
                          List<String> coefficients, boolean intercept, List<String> header, List<String> nodeIds, long[] nodeRows,
                          long[] nodeFirstLines, int[] labels, long readNanos, String formula, Map<String, List<String>> levels,
                          long droppedRows, Map<String, Long> droppedByColumn, KeptColumns kept, char separator,
                          String fixed, int sharedColumns, List<String> notes) {

    public DataSummary {
        notes = notes == null ? List.of() : List.copyOf(notes);
        coefficients = List.copyOf(coefficients);
        header = List.copyOf(header);
        nodeIds = List.copyOf(nodeIds);
        levels = levels == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(levels));
        droppedByColumn = droppedByColumn == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(droppedByColumn));
    }

    /** Data without a formula, dropped rows or kept columns (e.g. in memory). */
    public DataSummary(String source, long rows, long bytes, String nodeColumn, String responseColumn, List<String> coefficients,
                       boolean intercept, List<String> header, List<String> nodeIds, long[] nodeRows, long[] nodeFirstLines,
                       int[] labels, long readNanos) {
        this(source, rows, bytes, nodeColumn, responseColumn, coefficients, intercept, header, nodeIds, nodeRows, nodeFirstLines,
                labels, readNanos, null, null, 0, null, null, (char) 0, null, 0, List.of());
    }

    /** True when every row is its own node (a formula without a group). */
    public boolean ungrouped() { return nodeColumn == null; }

    public int nodes() { return nodeIds.size(); }

    public int dim() { return coefficients.size(); }

    /** "node 'b' (first seen on line 7)", or "node 'b'" for in-memory data. */
    public String describeNode(int j) {
        String id = "node '" + nodeIds.get(j) + "'";
        return nodeFirstLines == null ? id : id + " (first seen on line " + nodeFirstLines[j] + ")";
    }

    public double rowsPerSecond() {
        return readNanos == 0 ? Double.NaN : rows / (readNanos / 1e9);
    }

    public double megabytesPerSecond() {
        return readNanos == 0 ? Double.NaN : bytes / 1e6 / (readNanos / 1e9);
    }
}
