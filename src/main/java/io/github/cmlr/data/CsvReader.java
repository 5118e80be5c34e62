package io.github.cmlr.data;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.Scaling;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads grouped regression data from CSV ({@code .csv} or {@code .csv.gz}) in one pass, either
 * into per-node sufficient statistics (streaming: memory grows with the number of nodes, not
 * rows) or into an in-memory {@link Dataset}. Every malformed input is a {@link CmlrException}
 * naming the file, the 1-based line and column, and the column name.
 */
public final class CsvReader {
    /** Rows between two progress reports (a power of two minus one, used as a mask). */
    private static final long PROGRESS_MASK = (1 << 16) - 1;

    /** Statistics and what was read; {@code scaling} the change of units applied (identity unless rescaled). */
    public record StatsResult(NodeStats stats, CsvInfo info, Scaling scaling) {}

    /** Rows and what was read; {@code scaling} the change of units applied (identity unless rescaled). */
    public record DatasetResult(Dataset dataset, CsvInfo info, Scaling scaling) {}

    private CsvReader() {}

    /** The streaming path: per-node statistics, rows never held. */
    public static StatsResult readNodeStats(Path file, CsvOptions options, Progress progress) {
        return readNodeStats(file, options, progress, false);
    }

    /**
     * As {@link #readNodeStats(Path, CsvOptions, Progress)}; with {@code rescale} each row is
     * rescaled (by powers of two chosen while reading, see {@link Scaling.Chooser}) before it
     * reaches the statistics, so that values whose squares overflow or underflow still give finite
     * statistics. Data of moderate size is left as it is.
     */
    public static StatsResult readNodeStats(Path file, CsvOptions options, Progress progress, boolean rescale) {
        NodeStatsSink[] sink = new NodeStatsSink[1];
        Scaling.Chooser[] chooser = new Scaling.Chooser[1];
        CsvInfo info = read(file, options, progress, cols -> scaled(sink[0] = new NodeStatsSink(cols.dim()), rescale, chooser, cols.dim()));
        return new StatsResult(sink[0].finish(info.nodes().ids()), info, scaling(chooser[0], info));
    }

    /** The in-memory path: rows grouped by node, with true labels when the file has a label column. */
    public static DatasetResult readDataset(Path file, CsvOptions options, Progress progress) {
        return readDataset(file, options, progress, false);
    }

    /** As {@link #readDataset(Path, CsvOptions, Progress)}, rows rescaled as they are read when asked. */
    public static DatasetResult readDataset(Path file, CsvOptions options, Progress progress, boolean rescale) {
        DatasetSink[] sink = new DatasetSink[1];
        Scaling.Chooser[] chooser = new Scaling.Chooser[1];
        CsvInfo info = read(file, options, progress, cols -> scaled(sink[0] = new DatasetSink(cols.dim()), rescale, chooser, cols.dim()));
        int[] labels = info.nodes().labels(info.columns().hasLabels());
        return new DatasetResult(sink[0].finish(info.nodes().ids(), labels), info, scaling(chooser[0], info));
    }

    private static Scaling scaling(Scaling.Chooser chooser, CsvInfo info) {
        return chooser == null ? Scaling.identity(info.columns().dim()) : chooser.scaling();
    }

    /** Rows in file order (not grouped); {@code y} is null when an optional response column is absent. */
    public record RowsResult(int[] rowNode, double[] x, double[] y, CsvInfo info) {}

    /** The in-memory path in file order, e.g. for predictions that go back to the input rows. */
    public static RowsResult readRows(Path file, CsvOptions options, Progress progress) {
        DatasetSink[] sink = new DatasetSink[1];
        CsvInfo info = read(file, options, progress, cols -> sink[0] = new DatasetSink(cols.dim()));
        DatasetSink rows = sink[0];
        return new RowsResult(rows.rowNodes(), rows.rowFeatures(), info.columns().hasResponse() ? rows.rowResponses() : null,
                info);
    }

    /**
     * A rescaled value above this is an outlier of its column (1e308 among values of 1): its
     * square, summed over up to 2^31 rows, would overflow. Refused naming its line and column.
     */
    static final double LARGEST_SCALED = 0x1p480;

    /** Which coefficient (-1: the response) of the current row is out of scale. */
    private static final class OutOfScale extends RuntimeException {
        final int coefficient;

        OutOfScale(int coefficient) {
            super(null, null, false, false);
            this.coefficient = coefficient;
        }
    }

    /** The sink, or one that rescales each row (a copy: the parser reuses its row) before passing it on. */
    private static RowSink scaled(RowSink sink, boolean rescale, Scaling.Chooser[] chooser, int dim) {
        if (!rescale) return sink;
        Scaling.Chooser scaling = chooser[0] = new Scaling.Chooser(dim);
        double[] row = new double[dim];
        return (node, y, x) -> {
            System.arraycopy(x, 0, row, 0, dim);
            double ys = scaling.scaleRow(row, y);
            if (Math.abs(ys) > LARGEST_SCALED) throw new OutOfScale(-1);
            for (int i = 0; i < dim; i++) if (Math.abs(row[i]) > LARGEST_SCALED) throw new OutOfScale(i);
            sink.accept(node, ys, row);
        };
    }

    interface SinkFactory {
        RowSink create(CsvColumns columns);
    }

    static CsvInfo read(Path file, CsvOptions options, Progress progress, SinkFactory factory) {
        String name = file.toString();
        long t0 = System.nanoTime();
        try (CsvInput input = CsvInput.open(file)) {
            CsvTokenizer tok = new CsvTokenizer(input.stream(), name);
            if (!tok.next()) throw new CmlrException(ExitCode.DATA_FORMAT, name + ": the file is empty (no header line)");
            CsvColumns cols = CsvColumns.resolve(header(tok, name), options, name);
            RowSink sink = factory.create(cols);
            NodeIndex nodes = new NodeIndex();
            RowParser parser = new RowParser(tok, cols, options.intercept(), name, nodes);
            long rows = 0;
            while (tok.next()) {
                if (tok.blank()) continue;
                int node = parser.parse();
                try {
                    sink.accept(node, parser.y, parser.x);
                } catch (OutOfScale e) {
                    throw parser.outOfScale(e.coefficient);
                }
                rows++;
                if ((rows & PROGRESS_MASK) == 0) progress.reading(rows, input.bytesRead(), input.fileSize());
            }
            if (rows == 0) {
                throw new CmlrException(ExitCode.DATA_FORMAT, name + ": no data rows after the header line");
            }
            progress.readingFinished(rows, input.bytesRead(), input.fileSize());
            progress.done();
            return new CsvInfo(name, rows, input.bytesRead(), cols, nodes, System.nanoTime() - t0);
        }
    }

    private static List<String> header(CsvTokenizer tok, String file) {
        List<String> names = new ArrayList<>(tok.fieldCount());
        for (int i = 0; i < tok.fieldCount(); i++) {
            String name = tok.text(i);
            // a CR inside the header: lines end in CR alone, and the whole file reads as one header line
            if (name.indexOf('\r') >= 0) throw CsvTokenizer.crOnly(file, tok.line());
            names.add(name.trim());
        }
        return names;
    }

    /** Turns the current record into (node, y, x); reused across rows. */
    private static final class RowParser {
        final double[] x;
        double y;
        private final CsvTokenizer tok;
        private final CsvColumns cols;
        private final String file;
        private final NodeIndex nodes;
        private final int offset;
        private final int width;

        RowParser(CsvTokenizer tok, CsvColumns cols, boolean intercept, String file, NodeIndex nodes) {
            this.tok = tok;
            this.cols = cols;
            this.file = file;
            this.nodes = nodes;
            this.x = new double[cols.dim()];
            this.offset = intercept ? 1 : 0;
            if (intercept) x[0] = 1.0;
            this.width = cols.header().size();
        }

        int parse() {
            if (tok.fieldCount() != width) throw ragged();
            int nodeField = cols.node();
            if (tok.start(nodeField) == tok.end(nodeField)) {
                throw new CmlrException(ExitCode.DATA_FORMAT, where(nodeField) + ": empty node id");
            }
            int node = nodes.indexOf(tok, nodeField, tok.line());
            y = cols.hasResponse() ? number(cols.response()) : Double.NaN;
            int[] f = cols.features();
            for (int k = 0; k < f.length; k++) x[offset + k] = number(f[k]);
            if (cols.hasLabels()) label(node);
            return node;
        }

        private double number(int field) {
            byte[] b = tok.buffer();
            double v;
            try {
                v = NumberParser.parse(b, tok.start(field), tok.end(field));
            } catch (NumberFormatException e) {
                throw notANumber(field);
            }
            if (!Double.isFinite(v)) {
                throw new CmlrException(ExitCode.DATA_FORMAT, where(field) + ": NaN or infinite value '"
                        + tok.text(field) + "' is not allowed");
            }
            return v;
        }

        private CmlrException notANumber(int field) {
            String text = tok.text(field);
            String t = text.trim().toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
            if (t.equals("nan") || t.equals("inf") || t.equals("infinity")) {
                return new CmlrException(ExitCode.DATA_FORMAT, where(field) + ": NaN or infinite value '" + text
                        + "' is not allowed");
            }
            if (t.isEmpty() || t.equals("na")) {
                return new CmlrException(ExitCode.DATA_FORMAT, where(field) + ": missing value '" + text
                        + "' (cmlr needs every cell of the columns it uses)");
            }
            return new CmlrException(ExitCode.DATA_FORMAT, where(field) + ": not a number: '" + text + "'");
        }

        private void label(int node) {
            double v = number(cols.label());
            if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new CmlrException(ExitCode.DATA_FORMAT, where(cols.label()) + ": a label must be an integer >= 0, got '"
                        + tok.text(cols.label()) + "'");
            }
            int before = nodes.setLabel(node, (int) v);
            if (before >= 0) {
                throw new CmlrException(ExitCode.DATA_FORMAT, where(cols.label()) + ": node '" + nodes.id(node)
                        + "' has label " + before + " on line " + nodes.firstLine(node) + " but " + (int) v + " here");
            }
        }

        /** A value far larger than the first values of its column (which fixed the column's scale). */
        CmlrException outOfScale(int coefficient) {
            int field = coefficient < 0 ? cols.response() : cols.features()[coefficient - offset];
            return new CmlrException(ExitCode.DATA_FORMAT, where(field) + ": value '" + tok.text(field) + "' is too large beside"
                    + " the other values of its column: its square would overflow; check it for a misplaced value");
        }

        private CmlrException ragged() {
            int n = tok.fieldCount();
            String detail = n < width
                    ? "column " + (n + 1) + " ('" + cols.header().get(n) + "') and after are missing"
                    : "column " + (width + 1) + " and after have no header";
            return new CmlrException(ExitCode.DATA_FORMAT, file + ": line " + tok.line() + ": " + n
                    + (n == 1 ? " cell" : " cells") + " but the header has " + width + " columns (" + detail + ")");
        }

        private String where(int field) {
            return file + ": line " + tok.line() + ", column " + (field + 1) + " ('" + cols.header().get(field) + "')";
        }
    }
}
