package io.github.cmlr.util;

/** Process exit codes, one per kind of failure; documented in README.md. */
public enum ExitCode {
    OK(0, "success"),
    SOFTWARE(1, "internal error (a bug: please report it)"),
    USAGE(2, "bad command line: unknown option, bad or missing parameter value"),
    DATA_FORMAT(3, "malformed input data: missing or duplicated column, ragged row, non-numeric cell, missing cell with `--na fail`, NaN/Inf, factor level unseen at predict time, empty file"),
    DATA_INSUFFICIENT(4, "data too small for the request: a node with too few rows, K larger than the number of nodes"),
    IO(5, "a file could not be read or written"),
    SPEC(6, "invalid sweep specification or model file"),
    GPU_UNAVAILABLE(7, "--backend gpu was asked for but no usable GPU was found"),
    CROSSCHECK_FAILED(8, "GPU and CPU results differ by more than the documented tolerances"),
    FIT_FAILED(9, "the fit failed numerically (singular equations, collapsed variance with policy 'stop')"),
    LOCKED(10, "the output directory is in use by another sweep"),
    INCOMPLETE(11, "merge or summarize found missing, duplicated or foreign runs"),
    RESOURCES(12, "the request needs more memory (or stack) than the Java runtime allows: raise -Xmx or make it smaller");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() { return code; }
    public String meaning() { return meaning; }
}
