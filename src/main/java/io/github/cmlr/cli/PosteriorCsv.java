package io.github.cmlr.cli;

import io.github.cmlr.data.CsvWriter;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * Posterior weights as CSV. Grouped fits: one row per node ({@code node,<columns>,component});
 * standard fits: one row per data row ({@code node,row,<columns>,component}, row counted from 1
 * within its node). {@code component} is the most likely one (1-based; for the symmetric model
 * 1 means xi = +1).
 */
final class PosteriorCsv {
    private PosteriorCsv() {}

    /** @param rows the rows of a standard fit (one posterior row per data row), null for a grouped fit */
    static void write(Path target, FitOutcome out, boolean symmetric, NodeStats stats, Dataset rows) {
        List<String> cols = out.posteriorColumns();
        int width = cols.size();
        AtomicFiles.write(target, os -> {
            try (Writer w = CsvWriter.writer(os, target)) {
                w.write(rows == null ? "node" : "node,row");
                for (String c : cols) w.write("," + c);
                w.write(",component\n");
                if (rows == null) {
                    for (int j = 0; j < stats.nodes(); j++) line(w, CsvWriter.quoteIfNeeded(stats.nodeId(j)), out.posteriors(), j, width, symmetric);
                } else {
                    for (int j = 0; j < rows.nodes(); j++) {
                        String id = CsvWriter.quoteIfNeeded(rows.nodeId(j));
                        for (int i = 0; i < rows.nodeSize(j); i++) {
                            line(w, id + "," + (i + 1), out.posteriors(), rows.nodeOffset(j) + i, width, symmetric);
                        }
                    }
                }
            }
        });
    }

    private static void line(Writer w, String prefix, double[] post, int unit, int width, boolean symmetric)
            throws IOException {
        StringBuilder sb = new StringBuilder(prefix);
        int best = 0;
        for (int c = 0; c < width; c++) {
            double v = post[unit * width + c];
            sb.append(',').append(v);
            if (v > post[unit * width + best]) best = c;
        }
        int component = symmetric ? (post[unit * width] >= 0 ? 1 : 2) : best + 1;
        w.write(sb.append(',').append(component).append('\n').toString());
    }
}
