package io.github.cmlr.cli;

import io.github.cmlr.sweep.Progress;
import io.github.cmlr.sweep.Reproducer;
import io.github.cmlr.sweep.Scale;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cmlr reproduce [--scale small|paper] [--out DIR]}: the paper's experiments and a report. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Runs the paper's experiments (sanity, scaling with n and with mn fixed, robustness to SNR and",
            "initial radius, contraction of population EM) as built-in sweeps into DIR and writes DIR/report.md.",
            "Interrupted runs resume: run the same command again."})
public final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "small", paramLabel = "small|paper",
            description = "small: minutes on a 2-core CPU; paper: sized for a GPU. Default: ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: reproduce-<scale>).")
    Path out;

    @Mixin
    BackendOptions backend;

    @Override
    public Integer call() {
        Scale s = Scale.parse(scale);
        Path dir = out != null ? out : Path.of("reproduce-" + s.id());
        Reproducer.Result r = new Reproducer(backend.backend, backend.threadCount(), System.err, Progress.stderrIsTerminal())
                .run(s, dir);
        System.out.println("report: " + r.report() + " (numbers also in " + r.json() + ")");
        return 0;
    }
}
