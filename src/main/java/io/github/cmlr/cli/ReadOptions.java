package io.github.cmlr.cli;

import io.github.cmlr.data.CsvOptions;
import java.util.List;
import picocli.CommandLine.Option;

/** How a CSV file is read: separator, missing cells, columns carried through to the output. */
public final class ReadOptions {
    @Option(names = "--sep", defaultValue = "auto", paramLabel = "auto|,|;|tab",
            description = "Field separator; auto detects ',', ';' (then a decimal comma is read, as write.csv2 writes) or tab "
                    + "from the header line. Default: ${DEFAULT-VALUE}.")
    String separator;

    @Option(names = "--na", defaultValue = "omit", paramLabel = "omit|fail",
            description = "A row with a missing cell (empty or NA) in a column the model uses: omit drops it (as R's lm), "
                    + "fail stops at the first such cell. Default: ${DEFAULT-VALUE}.")
    String missing;

    @Option(names = "--keep-cols", split = ",", paramLabel = "a,b,...", hideParamSyntax = true,
            description = "Input columns copied into the posteriors (one value per node) and predictions (per row).")
    List<String> keepColumns;

    CsvOptions apply(CsvOptions o) {
        return o.withSeparator(separator()).withMissing(ModelOptions.choice(CsvOptions.MissingPolicy.class, "--na", missing))
                .withKeepColumns(keepColumns);
    }

    private char separator() {
        return switch (separator) {
            case "auto" -> CsvOptions.AUTO_SEPARATOR;
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "tab", "\t", "\\t" -> '\t';
            default -> throw new io.github.cmlr.util.CmlrException(io.github.cmlr.util.ExitCode.USAGE,
                    "--sep must be auto, ',', ';' or tab, got '" + separator + "'");
        };
    }
}
