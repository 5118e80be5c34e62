package io.github.cmlr.cli;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: fails with a clear message. */
@Command(name = "crosscheck", mixinStandardHelpOptions = true, description = "Runs the same data on CPU and GPU and compares (issue 3)")
public final class CrosscheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CmlrException(ExitCode.USAGE, "'crosscheck' is not implemented yet");
    }
}
