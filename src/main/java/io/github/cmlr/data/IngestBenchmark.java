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
     */
    public record Result(Path file, long rows, int nodes, int dim, long fileBytes, long nanos, int repetitions) {
        public double rowsPerSecond() { return rows / (nanos / 1e9); }

        public double megabytesPerSecond() { return fileBytes / 1e6 / (nanos / 1e9); }

        public String summary() {
            return String.format(Locale.ROOT, "%s: %,d rows, %d nodes, d=%d, %.1f MB: %.3f s, %,.0f rows/s, %.1f MB/s",
                    file, rows, nodes, dim, fileBytes / 1e6, nanos / 1e9, rowsPerSecond(), megabytesPerSecond());
        }
    }

    private IngestBenchmark() {}

    /** One warm-up pass, then the best of {@code repetitions} timed passes with the given options. */
    public static Result run(Path file, CsvOptions options, int repetitions) {
        CsvReader.readNodeStats(file, options, Progress.none());
        long best = Long.MAX_VALUE;
        CsvReader.StatsResult last = null;
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            last = CsvReader.readNodeStats(file, options, Progress.none());
            best = Math.min(best, System.nanoTime() - t0);
        }
        CsvInfo info = last.info();
        return new Result(file, info.rows(), info.nodeCount(), last.stats().dim(), info.bytes(), best, repetitions);
    }

    /** Default columns (node, y, every other column), three timed passes. */
    public static Result run(Path file) {
        return run(file, CsvOptions.defaults(), 3);
    }

    public static void main(String[] args) {
        for (String a : args) System.out.println(run(Path.of(a)).summary());
    }
}
