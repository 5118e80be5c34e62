package io.github.cmlr.cli;

import io.github.cmlr.util.Progress;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --progress} and {@code --quiet}: progress on stderr shows on a terminal unless told otherwise. */
public final class ProgressOptions {
    @Option(names = "--progress", description = "Show progress on stderr even when it is not a terminal.")
    boolean progress;

    @Option(names = "--quiet", description = "No progress output, and only warnings in the log.")
    boolean quiet;

    public Progress create(PrintWriter err) {
        return Progress.create(err, progress, quiet);
    }
}
