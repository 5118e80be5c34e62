package io.github.cmlr.data;

import io.github.cmlr.data.formula.Formula;
import java.util.List;
import java.util.Map;

/**
 * Which CSV columns play which role, and how the file is written.
 *
 * @param nodeColumn     the node (group) identifier column
 * @param responseColumn the response y
 * @param featureColumns the features in this order, or null for every other column in file order
 *                       (except the node, response and label columns and a row-names column)
 * @param labelColumn    optional per-node true labels (integers >= 0), read when the file has the
 *                       column; never a feature by default
 * @param intercept      prepend a feature column of ones named {@link #INTERCEPT_NAME}
 * @param forModel       the columns are those of a fitted model (new data to predict): the
 *                       response column may be absent, and errors name the model, not an option
 * @param separator      the field separator ',', ';' or tab, or {@link #AUTO_SEPARATOR} to detect it
 *                       from the header line; with ';' a decimal comma is accepted (R's write.csv2)
 * @param missing        what a missing cell (empty or NA) of a used column does to its row
 * @param formula        the model as an R formula (it replaces the node, response, feature and
 *                       intercept options), or null
 * @param levels         factor levels already known (a fitted model's), keyed by variable, or null
 *                       to collect them from the file (a first pass)
 * @param keepColumns    input columns carried through to posteriors and predictions
 */
public record CsvOptions(String nodeColumn, String responseColumn, List<String> featureColumns, String labelColumn,
                         boolean intercept, boolean forModel, char separator, MissingPolicy missing, Formula formula,
                         Map<String, List<String>> levels, List<String> keepColumns) {
    public static final String INTERCEPT_NAME = "(intercept)";
    public static final char AUTO_SEPARATOR = 0;

    /** A row with a missing cell in a column the model uses: dropped (as R's na.omit), or an error. */
    public enum MissingPolicy { OMIT, FAIL }

    public CsvOptions {
        featureColumns = featureColumns == null ? null : List.copyOf(featureColumns);
        keepColumns = keepColumns == null ? List.of() : List.copyOf(keepColumns);
        levels = levels == null ? null : Map.copyOf(levels);
        if (separator != AUTO_SEPARATOR && separator != ',' && separator != ';' && separator != '\t') {
            throw new IllegalArgumentException("separator must be ',', ';' or tab, got '" + separator + "'");
        }
    }

    public CsvOptions(String nodeColumn, String responseColumn, List<String> featureColumns, String labelColumn,
                      boolean intercept, boolean forModel) {
        this(nodeColumn, responseColumn, featureColumns, labelColumn, intercept, forModel, AUTO_SEPARATOR,
                MissingPolicy.OMIT, null, null, null);
    }

    public CsvOptions(String nodeColumn, String responseColumn, List<String> featureColumns, String labelColumn,
                      boolean intercept) {
        this(nodeColumn, responseColumn, featureColumns, labelColumn, intercept, false);
    }

    public CsvOptions forFittedModel() {
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, labelColumn, intercept, true, separator, missing,
                formula, levels, keepColumns);
    }

    public static CsvOptions defaults() {
        return new CsvOptions("node", "y", null, "label", false);
    }

    /** The model given by a formula (its group, response and terms), other options at their defaults. */
    public static CsvOptions of(Formula formula) {
        return defaults().withFormula(formula);
    }

    public CsvOptions withIntercept(boolean on) {
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, labelColumn, on, forModel, separator, missing,
                formula, levels, keepColumns);
    }

    public CsvOptions withFeatures(List<String> features) {
        return new CsvOptions(nodeColumn, responseColumn, features, labelColumn, intercept, forModel, separator, missing,
                formula, levels, keepColumns);
    }

    public CsvOptions withLabelColumn(String column) {
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, column, intercept, forModel, separator, missing,
                formula, levels, keepColumns);
    }

    public CsvOptions withSeparator(char sep) {
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, labelColumn, intercept, forModel, sep, missing,
                formula, levels, keepColumns);
    }

    public CsvOptions withMissing(MissingPolicy policy) {
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, labelColumn, intercept, forModel, separator, policy,
                formula, levels, keepColumns);
    }

    public CsvOptions withFormula(Formula f) {
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, labelColumn, intercept, forModel, separator, missing,
                f, levels, keepColumns);
    }

    public CsvOptions withLevels(Map<String, List<String>> known) {
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, labelColumn, intercept, forModel, separator, missing,
                formula, known, keepColumns);
    }

    public CsvOptions withKeepColumns(List<String> columns) {
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, labelColumn, intercept, forModel, separator, missing,
                formula, levels, columns);
    }
}
