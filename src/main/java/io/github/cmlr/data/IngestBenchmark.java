package io.github.cmlr.data;

import io.github.cmlr.util.Progress;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures the CSV ingest path of a grouped fit (read, tokenize, parse numbers, accumulate
 * per-node statistics) on a file: rows/s and MB/s of file bytes (compressed bytes for .gz, and
 * the decompressed size too). The bench command runs it; {@link #main} runs it standalone.
 */
public final class IngestBenchmark {
    /**
     * @param rows         data rows read
     * @param fileBytes    bytes of the file on disk
     * @param nanos        best wall time over the repetitions
     * @param repetitions  passes timed (the best is kept)
     * @param threads      threads that parsed (the statistics do not depend on it)
     */
    public record Result(Path file, long rows, int nodes, int dim, long fileBytes, long nanos, int repetitions, int threads) {
        public double rowsPerSecond() { return rows / (nanos / 1e9); }

        public double megabytesPerSecond() { return fileBytes / 1e6 / (nanos / 1e9); }

        public String summary() {
            return String.format(Locale.ROOT, "%s: %,d rows, %d nodes, d=%d, %.1f MB, %d thread(s): %.3f s, %,.0f rows/s, %.1f MB/s",
                    file, rows, nodes, dim, fileBytes / 1e6, threads, nanos / 1e9, rowsPerSecond(), megabytesPerSecond());
        }
    }

    private IngestBenchmark() {}

    /** One warm-up pass, then the best of {@code repetitions} timed passes with the given options, on one thread. */
    public static Result run(Path file, CsvOptions options, int repetitions) {
        return run(file, options, repetitions, 1);
    }

    /** The same on {@code threads} threads (fit's reader: chunks in parallel where the file allows it). */
    public static Result run(Path file, CsvOptions options, int repetitions, int threads) {
        CsvReader.readNodeStats(file, options, Progress.none(), threads);
        long best = Long.MAX_VALUE;
        CsvReader.StatsResult last = null;
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            last = CsvReader.readNodeStats(file, options, Progress.none(), threads);
            best = Math.min(best, System.nanoTime() - t0);
        }
        CsvInfo info = last.info();
        return new Result(file, info.rows(), info.nodeCount(), last.stats().dim(), info.bytes(), best, repetitions, threads);
    }

    /** Default columns (node, y, every other column), three timed passes on one thread. */
    public static Result run(Path file) {
        return run(file, CsvOptions.defaults(), 3);
    }

    /** {@code [--threads N] FILE...}: each file's summary line. */
    public static void main(String[] args) {
        int threads = 1;
        int from = 0;
        if (args.length >= 2 && args[0].equals("--threads")) {
            threads = Integer.parseInt(args[1]);
            from = 2;
        }
        for (int i = from; i < args.length; i++) System.out.println(run(Path.of(args[i]), CsvOptions.defaults(), 3, threads).summary());
    }
}
