package io.github.cmlr.cli;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: fails with a clear message. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, description = "Runs the paper's experiments as built-in sweeps and writes a report (issue 4)")
public final class ReproduceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CmlrException(ExitCode.USAGE, "'reproduce' is not implemented yet");
    }
}
