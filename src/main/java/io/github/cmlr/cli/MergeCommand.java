package io.github.cmlr.cli;

import io.github.cmlr.sweep.Merger;
import io.github.cmlr.sweep.ResultLines;
import io.github.cmlr.sweep.SweepRunner;
import io.github.cmlr.sweep.SweepSpec;
import io.github.cmlr.sweep.SweepSpecParser;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cmlr merge --out DIR INPUT...}: joins shard outputs, checking none is missing or duplicated. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Joins the results of a sharded sweep into DIR/runs.jsonl.",
            "Fails (exit 11) naming the runs that are missing or duplicated."})
public final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Shard output directories (their runs-shard-*.jsonl) or result files.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the merged runs.jsonl goes.")
    Path out;

    @Option(names = "--spec", paramLabel = "SPEC.yaml",
            description = "The sweep file (default: the sweep.yaml copy in the first input directory).")
    Path spec;

    @Override
    public Integer call() {
        for (Path in : inputs) {
            if (!Files.exists(in)) throw new CmlrException(ExitCode.IO, "merge input not found: " + in + " (no such file or directory)");
        }
        SweepSpec s = SweepSpecParser.parse(specFile());
        OutputFiles files = OutputFiles.check();
        for (Path f : Merger.resultFiles(inputs)) files.input("INPUT", f);
        files.output("--out", out.resolve(ResultLines.RESULTS)).requireDistinct();
        Merger.Report r = Merger.merge(s, inputs, out);
        System.out.println("merged " + r.found() + " runs of sweep '" + s.name() + "' -> " + out.resolve("runs.jsonl"));
        return 0;
    }

    private Path specFile() {
        if (spec != null) return spec;
        for (Path in : inputs) {
            Path copy = (Files.isDirectory(in) ? in : in.toAbsolutePath().getParent()).resolve(SweepRunner.SPEC_COPY);
            if (Files.isRegularFile(copy)) return copy;
        }
        throw new CmlrException(ExitCode.USAGE, "no " + SweepRunner.SPEC_COPY + " beside the inputs: give --spec SPEC.yaml");
    }
}
