package io.github.cmlr.predict;

import io.github.cmlr.data.KeptColumns;
import java.util.List;

/**
 * Rows to predict, in file order: the node of each row (an index into {@code nodeIds}), the
 * design row (the intercept's 1 first when the model has one) and the response when known.
 *
 * @param nodeIds node identifiers in order of first appearance
 * @param rowNode per row: index into nodeIds
 * @param x       rows x d, row-major
 * @param y       per row, or null when the file has no response column
 * @param kept    per row, the columns carried through and the file's data row, or null
 * @param concomitantZ per node, its row of the model's concomitant design (nodes x terms), or null
 */
public record NewData(List<String> nodeIds, int[] rowNode, int dim, double[] x, double[] y, KeptColumns kept,
                      double[] concomitantZ) {
    public NewData(List<String> nodeIds, int[] rowNode, int dim, double[] x, double[] y) {
        this(nodeIds, rowNode, dim, x, y, null, null);
    }

    public NewData(List<String> nodeIds, int[] rowNode, int dim, double[] x, double[] y, KeptColumns kept) {
        this(nodeIds, rowNode, dim, x, y, kept, null);
    }

    /** The 1-based data row of the file that row r came from (rows dropped for missing cells counted). */
    public long fileRow(int r) {
        return kept == null ? r + 1 : kept.dataRow(r);
    }

    public int rows() {
        return rowNode.length;
    }

    public int nodes() {
        return nodeIds.size();
    }

    public boolean hasResponse() {
        return y != null;
    }
}
