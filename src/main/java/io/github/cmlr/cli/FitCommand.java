package io.github.cmlr.cli;

import io.github.cmlr.api.Cmlr;
import io.github.cmlr.api.DataSource;
import io.github.cmlr.api.ModelFit;
import io.github.cmlr.api.ModelSpec;
import io.github.cmlr.api.ReportJson;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.OutputFiles;
import io.github.cmlr.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cmlr fit}: parses the options into a {@link ModelSpec} and a {@link DataSource}, runs
 * {@link Cmlr#fit}, and writes the JSON report and optional posteriors: posteriors first, the
 * report last, and if the report cannot be written the posteriors go too. Without --out (or
 * with --summary) it prints {@link FitSummary}; dropped rows are reported on stderr.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fits the symmetric or general grouped model to CSV data (.csv or .csv.gz).")
public final class FitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA", description = "CSV file with a header line (.csv or .csv.gz).")
    Path data;

    @Mixin ColumnOptions columns = new ColumnOptions();
    @Mixin ModelOptions model = new ModelOptions();

    @Option(names = "--out", paramLabel = "REPORT.json", description = "JSON report. Without it the summary is printed.")
    Path out;

    @Option(names = "--summary", description = "Print the summary (coefficient tables, criteria) even with --out.")
    boolean summary;

    @Option(names = "--posteriors", paramLabel = "FILE.csv", description = "Per-node (standard: per-row) posterior weights as CSV.")
    Path posteriors;

    @Mixin ProgressOptions progressOptions = new ProgressOptions();
    @Mixin BackendOptions backend = new BackendOptions();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        ModelSpec description = model.spec();
        DataSource source = columns.source(data);
        backend.threadCount();
        if (posteriors != null && out != null && posteriors.toAbsolutePath().equals(out.toAbsolutePath())) {
            throw new CmlrException(ExitCode.USAGE, "--posteriors and --out name the same file");
        }
        OutputFiles.check().input("DATA", data).output("--out", out).output("--posteriors", posteriors).requireDistinct();
        Progress progress = progressOptions.create(spec.commandLine().getErr());
        try (Backend b = backend.open()) {
            ModelFit fit = ModelOptions.translated(() -> Cmlr.fit(source, description, b, progress));
            if (fit.data().droppedRows() > 0) spec.commandLine().getErr().println("cmlr fit: " + dropped(fit));
            write(fit.withTotalNanos(System.nanoTime() - t0));
            if (out == null || summary) FitSummary.print(fit, spec.commandLine().getOut());
        }
        return ExitCode.OK.code();
    }

    private static String dropped(ModelFit fit) {
        StringBuilder b = new StringBuilder().append(fit.data().droppedRows()).append(" rows with missing values dropped (");
        String sep = "";
        for (var e : fit.data().droppedByColumn().entrySet()) {
            b.append(sep).append(e.getKey()).append(": ").append(e.getValue());
            sep = ", ";
        }
        return b.append(')').toString();
    }

    private void write(ModelFit fit) {
        if (posteriors != null) PosteriorCsv.write(posteriors, fit.posteriors(), fit.data().kept());
        if (out == null) return;
        try {
            AtomicFiles.write(out, os -> ReportJson.JSON.writeValue(os, fit.toJson()));
        } catch (RuntimeException e) {
            if (posteriors != null) deleteQuietly(posteriors);
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the report failure is the error to show
        }
    }
}
