package io.github.cmlr.cli;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.api.Backends;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Parallel;
import picocli.CommandLine.Option;

/** {@code --backend} and {@code --threads}, shared by every command that computes. */
public final class BackendOptions {
    @Option(names = "--backend", defaultValue = "auto", paramLabel = "auto|cpu|gpu",
            description = "Compute backend: auto (GPU if usable, else CPU), cpu or gpu. Default: ${DEFAULT-VALUE}.")
    public String backend;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads (default: all cores). Results do not depend on it.")
    public Integer threads;

    public int threadCount() {
        int t = threads == null ? Parallel.defaultThreads() : threads;
        if (t < 1) throw new CmlrException(ExitCode.USAGE, "--threads must be >= 1, got " + t);
        return t;
    }

    public Backend open() {
        return Backends.open(backend, threadCount());
    }
}
