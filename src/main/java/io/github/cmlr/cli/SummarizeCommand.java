package io.github.cmlr.cli;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: fails with a clear message. */
@Command(name = "summarize", mixinStandardHelpOptions = true, description = "Summaries and plots of a sweep's results (issue 4)")
public final class SummarizeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CmlrException(ExitCode.USAGE, "'summarize' is not implemented yet");
    }
}
