package io.github.cmlr.data;

import io.github.cmlr.data.formula.Design;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The role of every column of a CSV header under the options: which column is the node, which
 * the response, which the features (in order) and which the labels (or -1).
 *
 * @param header       column names as in the file
 * @param node         index of the node column
 * @param response     index of the response column, -1 when an optional response is absent
 * @param features     indices of the feature columns, in feature order (without the intercept)
 * @param label        index of the label column, or -1
 * @param featureNames names of the features as fitted (the intercept first when asked for)
 * @param design       the formula's design (then {@code features} are the columns it reads, in its
 *                     slot order, and {@code node} is -1 for an ungrouped formula), or null
 * @param notes        what the reader decided that the user may not expect (a formula's column
 *                     read as a factor although most of its cells are numbers), one sentence each
 */
public record CsvColumns(List<String> header, int node, int response, int[] features, int label,
                         List<String> featureNames, Design design, List<String> notes) {

    /**
     * Resolves the options against a header; errors name the file and the column. A column with
     * an empty name (the row names of R's write.csv) is never a default feature.
     */
    static CsvColumns resolve(List<String> header, CsvOptions opt, String file) {
        Map<String, Integer> position = positions(header, file);
        int node = require(position, opt.nodeColumn(), source(opt, "--node-col"), file, header);
        int response = opt.forModel() ? position.getOrDefault(opt.responseColumn(), -1)
                : require(position, opt.responseColumn(), "--y-col", file, header);
        if (node == response) {
            throw new CmlrException(ExitCode.USAGE, "--node-col and --y-col name the same column '" + header.get(node) + "'");
        }
        Integer labelAt = opt.labelColumn() == null ? null : position.get(opt.labelColumn());
        int label = labelAt == null || labelAt == node || labelAt == response ? -1 : labelAt;
        List<Integer> chosen = new ArrayList<>();
        if (opt.featureColumns() != null) {
            for (String name : opt.featureColumns()) {
                int at = require(position, name, source(opt, "--x-cols"), file, header);
                if (chosen.contains(at)) {
                    throw new CmlrException(ExitCode.USAGE, source(opt, "--x-cols") + " names column '" + name
                            + "' twice; each feature may appear once");
                }
                chosen.add(at);
            }
        } else {
            for (int i = 0; i < header.size(); i++) {
                if (i != node && i != response && i != label && !header.get(i).isEmpty()) chosen.add(i);
            }
        }
        List<String> names = new ArrayList<>();
        if (opt.intercept()) names.add(CsvOptions.INTERCEPT_NAME);
        for (int i : chosen) {
            if (i == node || i == response) {
                throw new CmlrException(ExitCode.USAGE, "--x-cols: column '" + header.get(i)
                        + "' is already the node or the response column");
            }
            names.add(header.get(i));
        }
        if (names.isEmpty()) {
            throw new CmlrException(ExitCode.DATA_FORMAT, file + ": no feature columns: the header has only "
                    + Messages.list(header, "columns") + " (add feature columns or use --intercept)");
        }
        int[] features = chosen.stream().mapToInt(Integer::intValue).toArray();
        return new CsvColumns(List.copyOf(header), node, response, features, label, List.copyOf(names), null, List.of());
    }

    /** Column positions by name; a name that appears twice is an error. */
    static Map<String, Integer> positions(List<String> header, String file) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer before = position.put(header.get(i), i);
            if (before != null) {
                throw new CmlrException(ExitCode.DATA_FORMAT, file + ": line 1: column name '" + header.get(i)
                        + "' appears twice (columns " + (before + 1) + " and " + (i + 1) + ")");
            }
        }
        return position;
    }

    /** Who asked for a column: the command-line option, or the fitted model. */
    private static String source(CsvOptions opt, String option) {
        return opt.forModel() ? "a column of the fitted model" : option;
    }

    private static int require(Map<String, Integer> position, String name, String option, String file,
                               List<String> header) {
        Integer i = position.get(name);
        if (i == null) {
            throw new CmlrException(ExitCode.DATA_FORMAT, file + ": line 1: no column named '" + name + "' (" + option
                    + "); the header has " + Messages.list(header, "columns"));
        }
        return i;
    }

    /** Number of features as fitted (with the intercept). */
    public int dim() { return featureNames.size(); }

    public boolean hasLabels() { return label >= 0; }

    /** False only for a file without its (optional) response column. */
    public boolean hasResponse() { return response >= 0; }
}
