package io.github.cmlr.cli;

import io.github.cmlr.sweep.ResultLines;
import io.github.cmlr.sweep.Summarizer;
import io.github.cmlr.util.OutputFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cmlr summarize DIR}: per-point CSV and plots (PNG + SVG) of a sweep's results. */
@Command(name = "summarize", mixinStandardHelpOptions = true,
        description = {"Summarises DIR/runs.jsonl: summary.csv (one row per grid point: quartiles of iterations to",
            "target and of final error, failure counts) and plots as PNG and SVG."})
public final class SummarizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A sweep's results directory.")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: the results directory).")
    Path out;

    @Override
    public Integer call() {
        Path to = out == null ? dir : out;
        OutputFiles.check().input("DIR/" + ResultLines.RESULTS, dir.resolve(ResultLines.RESULTS))
                .output("--out", to.resolve(Summarizer.CSV)).requireDistinct();
        Summarizer.Summary s = Summarizer.summarize(dir, to);
        System.out.println(s.points().size() + " grid points, " + s.records().size() + " runs -> " + s.csv());
        for (Path p : s.plots()) System.out.println("plot: " + p + " (and .svg)");
        return 0;
    }
}
