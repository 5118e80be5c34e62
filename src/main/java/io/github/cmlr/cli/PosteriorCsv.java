package io.github.cmlr.cli;

import io.github.cmlr.api.Posteriors;
import io.github.cmlr.data.CsvWriter;
import io.github.cmlr.data.KeptColumns;
import io.github.cmlr.util.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * Posterior weights as CSV. Grouped fits: one row per node ({@code node,<columns>,component});
 * standard fits: one row per data row ({@code node,row,<columns>,component}, row counted from 1
 * within its node). {@code component} is the most likely one (1-based; for the symmetric model
 * 1 means xi = +1). Columns of --keep-cols follow the node (and row), with the node's value.
 */
final class PosteriorCsv {
    private PosteriorCsv() {}

    /** @param kept columns carried through (per node; written after the node, or after node,row), or null */
    static void write(Path target, Posteriors p, KeptColumns kept) {
        List<String> keep = kept == null ? List.of() : kept.names();
        AtomicFiles.write(target, os -> {
            try (Writer w = CsvWriter.writer(os, target)) {
                w.write(p.perRow() ? "node,row" : "node");
                for (String c : keep) w.write("," + CsvWriter.quoteIfNeeded(c));
                for (String c : p.columns()) w.write("," + c);
                w.write(",component\n");
                for (int j = 0; j < p.nodeIds().size(); j++) {
                    String id = CsvWriter.quoteIfNeeded(p.nodeIds().get(j));
                    StringBuilder values = new StringBuilder();
                    for (int c = 0; c < keep.size(); c++) values.append(',').append(CsvWriter.quoteIfNeeded(kept.value(j, c)));
                    if (!p.perRow()) {
                        line(w, id + values, p, j);
                        continue;
                    }
                    int first = p.nodeOffsets()[j];
                    for (int u = first; u < p.nodeOffsets()[j + 1]; u++) line(w, id + "," + (u - first + 1) + values, p, u);
                }
            }
        });
    }

    private static void line(Writer w, String prefix, Posteriors p, int unit) throws IOException {
        StringBuilder sb = new StringBuilder(prefix);
        for (int c = 0; c < p.columns().size(); c++) sb.append(',').append(p.get(unit, c));
        w.write(sb.append(',').append(p.mostLikely(unit)).append('\n').toString());
    }
}
