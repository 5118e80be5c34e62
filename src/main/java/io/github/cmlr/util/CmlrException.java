package io.github.cmlr.util;

/**
 * A failure the user can act on: carries the exit code and a message that names the file, line
 * and column, or the parameter, at fault. The CLI prints the message and exits with the code.
 */
public class CmlrException extends RuntimeException {
    private final ExitCode exitCode;

    public CmlrException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CmlrException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() { return exitCode; }
}
