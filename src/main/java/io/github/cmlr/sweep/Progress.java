package io.github.cmlr.sweep;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress of a sweep on stderr: a redrawn bar with an ETA on a terminal, otherwise a plain line
 * every {@code logEvery} (so logs of batch jobs stay readable).
 */
public final class Progress {
    private final PrintStream err;
    private final boolean terminal;
    private final int total;
    private final long logEveryNanos;
    private final long start = System.nanoTime();
    private int done;
    private long lastLog = start;

    /** @param total runs to do in this process (already finished ones excluded) */
    public Progress(PrintStream err, boolean terminal, int total, Duration logEvery) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
        this.logEveryNanos = logEvery.toNanos();
    }

    /** True when stderr is an interactive terminal. */
    public static boolean stderrIsTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    public void advance() {
        done++;
        long now = System.nanoTime();
        if (terminal) {
            err.print("\r" + bar() + " " + done + "/" + total + "  ETA " + eta(now) + "   ");
            if (done == total) err.println();
            err.flush();
        } else if (now - lastLog >= logEveryNanos || done == total) {
            lastLog = now;
            err.println("sweep: " + done + "/" + total + " runs done, elapsed " + format((now - start) / 1_000_000_000L)
                    + ", ETA " + eta(now));
            err.flush();
        }
    }

    private String bar() {
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    private String eta(long now) {
        if (done == 0) return "?";
        double perRun = (now - start) / 1e9 / done;
        return format(Math.round(perRun * (total - done)));
    }

    static String format(long seconds) {
        return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds / 60 % 60)
                : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
