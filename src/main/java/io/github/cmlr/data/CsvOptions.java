package io.github.cmlr.data;

import java.util.List;

/**
 * Which CSV columns play which role.
 *
 * @param nodeColumn     the node (group) identifier column
 * @param responseColumn the response y
 * @param featureColumns the features in this order, or null for every other column in file order
 *                       (except the node, response and label columns)
 * @param labelColumn    optional per-node true labels (integers >= 0), read when the file has the
 *                       column; never a feature by default
 * @param intercept      prepend a feature column of ones named {@link #INTERCEPT_NAME}
 */
public record CsvOptions(String nodeColumn, String responseColumn, List<String> featureColumns, String labelColumn,
                         boolean intercept) {
    public static final String INTERCEPT_NAME = "(intercept)";

    public CsvOptions {
        featureColumns = featureColumns == null ? null : List.copyOf(featureColumns);
    }

    public static CsvOptions defaults() {
        return new CsvOptions("node", "y", null, "label", false);
    }

    public CsvOptions withIntercept(boolean on) {
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, labelColumn, on);
    }

    public CsvOptions withFeatures(List<String> features) {
        return new CsvOptions(nodeColumn, responseColumn, features, labelColumn, intercept);
    }
}
