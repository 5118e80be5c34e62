package io.github.cmlr.api;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.data.formula.Formula;
import io.github.cmlr.data.formula.FormulaException;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.util.Progress;
import java.nio.file.Path;
import java.util.List;

/** Where a fit's grouped data come from: a CSV file (streamed) or arrays in memory. */
public interface DataSource {

    /**
     * Reads the data.
     *
     * @param keepRows     also hold the rows (standard EM needs them); grouped fits need only statistics
     * @param labelsColumn the column whose per-node values fix components (1..K, 0 unknown), or null
     *                     to read the source's own label column (true labels of synthetic data), if any
     */
    FitData load(boolean keepRows, String labelsColumn, Backend backend, Progress progress);

    /**
     * This source with terms shared by all components ({@link ModelSpec#fixed()}); only a source
     * read with a formula has terms to share.
     *
     * @throws InvalidModelException FIXED_NEEDS_FORMULA, or FIXED_SYNTAX when the terms do not fit the formula
     */
    default DataSource withFixed(String fixed) {
        throw new InvalidModelException(InvalidModelException.Reason.FIXED_NEEDS_FORMULA, this);
    }

    /** A CSV file ({@code .csv} or {@code .csv.gz}) with a header line; the columns as in {@code columns}. */
    static DataSource csv(Path file, CsvOptions columns) {
        return new CsvSource(file, columns);
    }

    /**
     * A CSV file and the model as an R formula, {@code "y ~ x + I(x^2) + factor(g) | node"}: its
     * group (without one every row is its own node), response and terms; other reading options
     * (separator, missing cells, kept columns) as in {@code options}, whose column roles it replaces.
     *
     * @throws InvalidModelException with reason FORMULA_SYNTAX when the formula cannot be parsed
     */
    static DataSource csv(Path file, String formula, CsvOptions options) {
        return new CsvSource(file, options.withFormula(parseFormula(formula)));
    }

    /** A CSV file and the model as an R formula, other options at their defaults. */
    static DataSource csv(Path file, String formula) {
        return csv(file, formula, CsvOptions.defaults());
    }

    /** Parses an R model formula (as {@link #csv(Path, String, CsvOptions)} reads it). */
    static Formula parseFormula(String formula) {
        try {
            return Formula.parse(formula);
        } catch (FormulaException e) {
            throw new InvalidModelException(InvalidModelException.Reason.FORMULA_SYNTAX, e.getMessage());
        }
    }

    /** A CSV file with columns node, y and every other column a feature, plus an intercept. */
    static DataSource csv(Path file) {
        return new CsvSource(file, CsvOptions.defaults().withIntercept(true));
    }

    /**
     * Rows in memory: {@code nodes[i]} is row i's group, {@code x[i]} its features (named by
     * {@code featureNames}), {@code y[i]} its response. Nodes keep their order of first appearance.
     * Arrays are copied.
     */
    static ArraySource rows(String[] nodes, double[][] x, double[] y, List<String> featureNames) {
        return ArraySource.of(nodes, x, y, featureNames);
    }

    /** A grouped dataset already in memory (e.g. simulated), its features named {@code featureNames}. */
    static ArraySource of(Dataset data, List<String> featureNames) {
        return new ArraySource(data, featureNames, null, null);
    }
}
