package io.github.cmlr.cli;

import io.github.cmlr.api.DataSource;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which CSV columns {@code fit} reads and how the file is written, as a {@link DataSource}. */
public final class ColumnOptions {
    @Option(names = "--formula", paramLabel = "'Y ~ TERMS | GROUP'",
            description = "The model as an R formula (replaces --y-col, --x-cols, --node-col, --intercept): intercept unless 0 + or - 1; "
                    + "I(), log(), exp(), sqrt(), a:b, a*b; non-numeric columns and factor(x) become treatment-contrast dummies. "
                    + "Without | GROUP every row is its own node.")
    String formula;

    @Option(names = "--node-col", paramLabel = "NAME", description = "Node (group) column. Default: node.")
    String nodeColumn;

    @Option(names = "--y-col", paramLabel = "NAME", description = "Response column. Default: y.")
    String responseColumn;

    @Option(names = "--x-cols", split = ",", paramLabel = "a,b,...", hideParamSyntax = true,
            description = "Feature columns in this order. Default: every other column except --label-col and a row-names column.")
    List<String> featureColumns;

    @Option(names = "--label-col", defaultValue = "label", paramLabel = "NAME",
            description = "Column of true labels, never a feature by default (ignored when absent). Default: ${DEFAULT-VALUE}.")
    String labelColumn;

    @Option(names = "--intercept", description = "Prepend a column of ones named (intercept).")
    boolean intercept;

    @Mixin ReadOptions read = new ReadOptions();

    /** The data source the options describe; --formula and the plain column options exclude each other. */
    DataSource source(Path file) {
        if (featureColumns != null && featureColumns.stream().anyMatch(String::isEmpty)) {
            throw new CmlrException(ExitCode.USAGE, "--x-cols has an empty column name");
        }
        if (formula != null) {
            if (nodeColumn != null || responseColumn != null || featureColumns != null || intercept) {
                throw new CmlrException(ExitCode.USAGE, "--formula names the response, terms and group itself: "
                        + "leave out --y-col, --x-cols, --node-col and --intercept");
            }
            return ModelOptions.translated(() -> DataSource.csv(file, formula, read.apply(CsvOptions.defaults())));
        }
        return DataSource.csv(file, csv());
    }

    CsvOptions csv() {
        return read.apply(new CsvOptions(nodeColumn == null ? "node" : nodeColumn, responseColumn == null ? "y" : responseColumn,
                featureColumns, labelColumn, intercept));
    }
}
