package io.github.cmlr.data;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a dataset as CSV with header {@code node,y,x1..xd} (and {@code label} when asked),
 * one row per sample, nodes in order. Numbers use {@link Double#toString}, which reads back to
 * the same double. A name ending in {@code .gz} is gzip-compressed. The file appears whole or
 * not at all ({@link AtomicFiles}).
 */
public final class CsvWriter {
    private CsvWriter() {}

    public static void write(Dataset data, Path target, boolean labels) {
        write(data, target, labels, Progress.none());
    }

    /** As {@link #write(Dataset, Path, boolean)}, reporting rows written. */
    public static void write(Dataset data, Path target, boolean labels, Progress progress) {
        if (labels && !data.hasTrueLabels()) throw new IllegalArgumentException("the dataset has no true labels");
        AtomicFiles.write(target, out -> {
            try (Writer w = writer(out, target)) {
                writeRows(data, labels, w, progress);
            }
        });
        progress.done();
    }

    /** Wraps the stream for text, gzip-compressed when the target's name ends in .gz. */
    public static Writer writer(OutputStream out, Path target) throws IOException {
        OutputStream o = target.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
        return new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void writeRows(Dataset data, boolean labels, Writer w, Progress progress) throws IOException {
        int d = data.dim();
        StringBuilder line = new StringBuilder(32 * (d + 2));
        line.append("node,y");
        for (int k = 1; k <= d; k++) line.append(",x").append(k);
        if (labels) line.append(",label");
        w.append(line).append('\n');
        double[] x = data.x();
        double[] y = data.y();
        for (int j = 0; j < data.nodes(); j++) {
            String id = quoteIfNeeded(data.nodeId(j));
            for (int r = data.nodeOffset(j); r < data.nodeOffset(j + 1); r++) {
                line.setLength(0);
                line.append(id).append(',').append(y[r]);
                for (int k = 0; k < d; k++) line.append(',').append(x[r * d + k]);
                if (labels) line.append(',').append(data.trueLabels()[j]);
                w.append(line).append('\n');
                if ((r & 0xFFFF) == 0xFFFF) progress.writing(r + 1, data.rows());
            }
        }
        progress.writing(data.rows(), data.rows());
    }

    /** CSV quoting for identifiers holding a comma, quote or line break. */
    public static String quoteIfNeeded(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
