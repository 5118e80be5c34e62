package io.github.cmlr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.api.Cmlr;
import io.github.cmlr.predict.FittedModel;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cmlr plot REPORT.json [--data DATA] [--out DIR]}: the fit's plots as PNG and SVG, headless. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Plots of a fit report, PNG and SVG, drawn headless: the log-likelihood trace, the BIC/ICL curve over K",
            "(a K range), and with --data the fitted lines per component over the first one or two features (points",
            "coloured by most likely component) and the histogram of posterior probabilities per component (rootogram)."})
public final class PlotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPORT.json", description = "The JSON report of 'fit'.")
    Path report;

    @Option(names = "--data", paramLabel = "DATA", description = "The data (or new data) to draw the fit over.")
    Path data;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR", description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(report));
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, report + ": cannot read the report or create " + out + ": " + e.getMessage());
        }
        if (root == null || !root.has("trace")) throw new CmlrException(ExitCode.SPEC, report + ": not a report of 'cmlr fit'");
        List<Path> written;
        try {
            written = FitPlots.fromReport(root, out);
            if (data != null) {
                FittedModel m = Cmlr.readModel(report);
                written = new java.util.ArrayList<>(written);
                written.addAll(FitPlots.overData(m, Cmlr.predict(m, data), out));
            }
        } catch (LinkageError | InternalError e) {
            throw new CmlrException(ExitCode.SOFTWARE, "this Java runtime cannot draw (no java.desktop or no fonts: the headless "
                    + "GPU bundle leaves them out); run 'cmlr plot' with a full JDK: " + e);
        }
        for (Path p : written) System.out.println(p);
        return ExitCode.OK.code();
    }
}
