package io.github.cmlr.cli;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: fails with a clear message. */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Runs a parameter sweep from a YAML spec (issue 4)")
public final class SweepCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CmlrException(ExitCode.USAGE, "'sweep' is not implemented yet");
    }
}
