package io.github.cmlr.cli;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: fails with a clear message. */
@Command(name = "native-check", mixinStandardHelpOptions = true, description = "Checks the GPU stack stage by stage (issue 3)")
public final class NativeCheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CmlrException(ExitCode.USAGE, "'native-check' is not implemented yet");
    }
}
