package io.github.cmlr.cli;

import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.List;
import picocli.CommandLine.Option;

/** Which CSV columns {@code fit} reads, as {@link CsvOptions}. */
public final class ColumnOptions {
    @Option(names = "--node-col", defaultValue = "node", paramLabel = "NAME", description = "Node (group) column. Default: ${DEFAULT-VALUE}.")
    String nodeColumn;

    @Option(names = "--y-col", defaultValue = "y", paramLabel = "NAME", description = "Response column. Default: ${DEFAULT-VALUE}.")
    String responseColumn;

    @Option(names = "--x-cols", split = ",", paramLabel = "a,b,...", hideParamSyntax = true,
            description = "Feature columns in this order. Default: every other column except --label-col.")
    List<String> featureColumns;

    @Option(names = "--label-col", defaultValue = "label", paramLabel = "NAME",
            description = "Column of true labels, never a feature by default (ignored when absent). Default: ${DEFAULT-VALUE}.")
    String labelColumn;

    @Option(names = "--intercept", description = "Prepend a column of ones named (intercept).")
    boolean intercept;

    CsvOptions csv() {
        if (featureColumns != null && featureColumns.stream().anyMatch(String::isEmpty)) {
            throw new CmlrException(ExitCode.USAGE, "--x-cols has an empty column name");
        }
        return new CsvOptions(nodeColumn, responseColumn, featureColumns, labelColumn, intercept);
    }
}
