package io.github.cmlr.util;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress lines on stderr for long work: rows and MB while reading, iteration and
 * log-likelihood during EM. Shown when stderr is (probably) a terminal, or always when asked;
 * never with --quiet. At most one line per {@link #INTERVAL_NANOS}; on a terminal each line
 * overwrites the previous one.
 *
 * <p>Java 17 cannot ask whether stderr itself is a terminal; a console attached to the process
 * ({@code System.console() != null}) is taken as the sign.
 */
public final class Progress {
    /** Minimum time between two lines. */
    public static final long INTERVAL_NANOS = 500_000_000L;

    private static final Progress NONE = new Progress(null, false, INTERVAL_NANOS);

    private final PrintWriter out;
    private final boolean overwrite;
    private final long interval;
    private final long start = System.nanoTime();
    private long lastPrint;
    private boolean pending;

    private Progress(PrintWriter out, boolean overwrite, long interval) {
        this.out = out;
        this.overwrite = overwrite;
        this.interval = interval;
        this.lastPrint = start - interval;
    }

    /** Progress that prints nothing. */
    public static Progress none() {
        return NONE;
    }

    /**
     * @param forced print even when stderr is not a terminal (--progress)
     * @param quiet  print nothing (--quiet), wins over forced
     */
    public static Progress create(PrintWriter err, boolean forced, boolean quiet) {
        if (quiet) return NONE;
        boolean terminal = System.console() != null;
        if (!terminal && !forced) return NONE;
        return new Progress(err, terminal, INTERVAL_NANOS);
    }

    /** Progress that prints every report as a full line to the writer, without rate limit (tests). */
    public static Progress lines(PrintWriter out) {
        return new Progress(out, false, 0);
    }

    public boolean enabled() {
        return out != null;
    }

    /** Reading: rows so far, bytes read of totalBytes (0 when unknown). */
    public void reading(long rows, long bytes, long totalBytes) {
        if (!due()) return;
        readingLine(rows, bytes, totalBytes);
    }

    /** The last reading report: always shown (when progress is on). */
    public void readingFinished(long rows, long bytes, long totalBytes) {
        if (out != null) readingLine(rows, bytes, totalBytes);
    }

    private void readingLine(long rows, long bytes, long totalBytes) {
        double mb = bytes / 1e6;
        double seconds = (System.nanoTime() - start) / 1e9;
        String pct = totalBytes > 0 ? String.format(Locale.ROOT, " (%.0f%%)", 100.0 * bytes / totalBytes) : "";
        print(String.format(Locale.ROOT, "reading: %,d rows, %.1f MB%s, %.1f MB/s", rows, mb, pct,
                seconds > 0 ? mb / seconds : 0.0));
    }

    /** Writing: rows written of totalRows; the last report (rows == totalRows) is always shown. */
    public void writing(long rows, long totalRows) {
        if (out == null || (rows < totalRows && !due())) return;
        print(String.format(Locale.ROOT, "writing: %,d of %,d rows (%.0f%%)", rows, totalRows, 100.0 * rows / totalRows));
    }

    /** EM: the number of E-steps so far (over all starts) and the latest log-likelihood. */
    public void iteration(int step, double logLik) {
        if (!due()) return;
        print(String.format(Locale.ROOT, "EM: E-step %d, log-likelihood %.6f", step, logLik));
    }

    /** Ends a phase: finishes an overwritten line, and lets the next phase's first report through at once. */
    public void done() {
        if (out == null) return;
        lastPrint = System.nanoTime() - interval;
        if (!pending) return;
        if (overwrite) out.println();
        out.flush();
        pending = false;
    }

    private boolean due() {
        if (out == null) return false;
        long now = System.nanoTime();
        if (now - lastPrint < interval) return false;
        lastPrint = now;
        return true;
    }

    private void print(String line) {
        if (overwrite) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
        pending = true;
    }
}
