package io.github.cmlr.cli;

import io.github.cmlr.sweep.BackendPool;
import io.github.cmlr.sweep.Progress;
import io.github.cmlr.sweep.ResultLines;
import io.github.cmlr.sweep.Shard;
import io.github.cmlr.sweep.SweepRunner;
import io.github.cmlr.sweep.SweepSpec;
import io.github.cmlr.sweep.SweepSpecParser;
import io.github.cmlr.util.OutputFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cmlr sweep SPEC.yaml --out DIR [--shard i/N]}: runs a sweep resumably. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs every (grid point, repetition) of a YAML sweep, one JSON line per finished run in DIR.",
            "Rerunning the same command does only the missing runs; a second sweep on the same files is refused."})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The sweep file (see examples/).")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Results directory (created).")
    Path out;

    @Option(names = "--shard", paramLabel = "i/N",
            description = "Run only slice i of N (0-based), e.g. $SLURM_ARRAY_TASK_ID/10; join with 'cmlr merge'.")
    String shard;

    @Mixin
    BackendOptions backend;

    @Override
    public Integer call() {
        SweepSpec spec = SweepSpecParser.parse(specFile);
        Shard s = shard == null ? null : Shard.parse(shard);
        // the spec may be the directory's own copy (resuming); the results file must not be it
        String results = s == null ? ResultLines.RESULTS : ResultLines.shardFile(s.index(), s.count());
        OutputFiles.check().input("SPEC.yaml", specFile).output("--out", out.resolve(results)).requireDistinct();
        SweepRunner.Outcome o;
        try (BackendPool pool = new BackendPool(backend.threadCount())) {
            SweepRunner runner = new SweepRunner(backend.backend, pool, System.err, Progress.stderrIsTerminal());
            o = s == null ? runner.run(spec, out, -1, 1) : runner.run(spec, out, s.index(), s.count());
        }
        System.out.println("sweep '" + spec.name() + "': " + o.planned() + " runs, " + o.skipped() + " already done, "
                + o.ran() + " run now -> " + o.results());
        if (s != null) System.out.println("when every shard is done: cmlr merge --out DIR SHARD_DIR... (shards may share " + out + ")");
        return 0;
    }
}
