package io.github.cmlr.gpu;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the GPU issue lands. */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = "GPU pipeline benchmark: generation, statistics, EM; cuRAND and bandwidth baselines (issue 3)")
public final class GpuBenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CmlrException(ExitCode.USAGE, "'bench gpu' is not implemented yet");
    }
}
