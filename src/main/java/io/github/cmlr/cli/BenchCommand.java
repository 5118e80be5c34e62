package io.github.cmlr.cli;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: fails with a clear message. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (issues 2, 3, 5)",
        subcommands = io.github.cmlr.gpu.GpuBenchCommand.class)
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CmlrException(ExitCode.USAGE, "'bench' is not implemented yet");
    }
}
