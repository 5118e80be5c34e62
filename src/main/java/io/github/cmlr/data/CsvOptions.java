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
 * @param forModel       the columns are those of a fitted model (new data to predict): the
 *                       response column may be absent, and errors name the model, not an option
 */
public record CsvOptions(String nodeColumn, String responseColumn, List<String> featureColumns, String labelColumn,
                         boolean intercept, boolean forModel) {
    public static final String INTERCEPT_NAME = "(intercept)";

    public CsvOptions {
        featureColumns = featureColumns == null ? null : List.copyOf(featureColumns);
    }

    public CsvOptions(String nodeColumn, String responseColumn, List<String> featureColumns, String labelColumn,
                      boolean intercept) {
        this(nodeColumn, responseColumn, featureColumns, labelColumn, intercept, false);
    }

    public CsvOptions forFittedModel() {
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, labelColumn, intercept, true);
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
