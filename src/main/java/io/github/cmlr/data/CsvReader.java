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

/**
 * Reads grouped regression data from CSV ({@code .csv} or {@code .csv.gz}; fields separated by
 * ',', ';' or tab, detected from the header unless given) in one pass, either
 * into per-node sufficient statistics (streaming: memory grows with the number of nodes, not
 * rows) or into an in-memory {@link Dataset}. Every malformed input is a {@link CmlrException}
 * naming the file, the 1-based line and column, and the column name. A row with a missing cell
 * (empty or NA) in a column the model uses is dropped and counted ({@link MissingCells}) under
 * {@link CsvOptions.MissingPolicy#OMIT}, an error under FAIL. With a formula the rows go through
 * its {@link io.github.cmlr.data.formula.Design} ({@link FormulaColumns}, {@link FormulaRowParser}).
 */
public final class CsvReader {
    /** Rows between two progress reports (a power of two minus one, used as a mask). */
    private static final long PROGRESS_MASK = (1 << 16) - 1;

    /** Statistics and what was read; {@code scaling} the change of units applied (identity unless rescaled). */
    public record StatsResult(NodeStats stats, CsvInfo info, Scaling scaling) {}

    /** Rows and what was read; {@code scaling} the change of units applied (identity unless rescaled). */
    public record DatasetResult(Dataset dataset, CsvInfo info, Scaling scaling) {}

    private CsvReader() {}

    /** The streaming path: per-node statistics, rows never held; read on one thread. */
    public static StatsResult readNodeStats(Path file, CsvOptions options, Progress progress) {
        return readNodeStats(file, options, progress, 1);
    }

    /**
     * The streaming path on up to {@code threads} threads: a plain file of at least two chunks is
     * parsed in fixed-size byte chunks ({@link ChunkedCsvReader}), anything else serially; the
     * statistics are bitwise the same either way, whatever the thread count.
     */
    public static StatsResult readNodeStats(Path file, CsvOptions options, Progress progress, int threads) {
        return readNodeStats(file, options, progress, threads, false);
    }

    /**
     * As {@link #readNodeStats(Path, CsvOptions, Progress, int)}; with {@code rescale} each row is
     * rescaled (by powers of two chosen while reading, see {@link Scaling.Chooser}) before it
     * reaches the statistics, so that values whose squares overflow or underflow still give finite
     * statistics. Data of moderate size is left as it is.
     */
    public static StatsResult readNodeStats(Path file, CsvOptions options, Progress progress, int threads, boolean rescale) {
        NodeStatsSink[] sink = new NodeStatsSink[1];
        Scaling.Chooser[] chooser = new Scaling.Chooser[1];
        SinkFactory factory = cols -> scaled(sink[0] = new NodeStatsSink(cols.dim()), rescale, chooser, cols.dim());
        CsvInfo chunked;
        try {
            chunked = ChunkedCsvReader.tryRead(file, options, progress, factory, threads);
        } catch (OutOfScale e) {
            chunked = null; // the serial reader names the value's line and column
        }
        CsvInfo info = chunked != null ? chunked : read(file, options, progress, false, factory);
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
        CsvInfo info = read(file, options, progress, false,
                cols -> scaled(sink[0] = new DatasetSink(cols.dim()), rescale, chooser, cols.dim()));
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
        CsvInfo info = read(file, options, progress, true, cols -> sink[0] = new DatasetSink(cols.dim()));
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
    static final class OutOfScale extends RuntimeException {
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
        return new RowSink() {
            @Override
            public void accept(int node, double y, double[] x, int xOff) {
                System.arraycopy(x, xOff, row, 0, dim);
                double ys = scaling.scaleRow(row, y);
                if (Math.abs(ys) > LARGEST_SCALED) throw new OutOfScale(-1);
                for (int i = 0; i < dim; i++) if (Math.abs(row[i]) > LARGEST_SCALED) throw new OutOfScale(i);
                sink.accept(node, ys, row, 0);
            }

            @Override
            public void reserve(int node, long rows) {
                sink.reserve(node, rows);
            }
        };
    }

    /** A value far larger than the first values of its column (which fixed the column's scale), named by line and column. */
    private static CmlrException outOfScale(String file, CsvTokenizer tok, CsvColumns cols, int coefficient) {
        String coef = coefficient < 0 ? null : cols.featureNames().get(coefficient);
        int field = coefficient < 0 ? cols.response() : cols.header().indexOf(coef);
        String where = field >= 0 ? Cells.where(file, tok, cols.header(), field)
                : file + ": line " + tok.line() + ", the design column '" + coef + "'";
        return new CmlrException(ExitCode.DATA_FORMAT, where + ": value " + (field >= 0 ? "'" + tok.text(field) + "' " : "")
                + "is too large beside the other values of its column: its square would overflow; check it for a misplaced value");
    }

    interface SinkFactory {
        RowSink create(CsvColumns columns);
    }

    /**
     * One pass over the rows (a formula that needs its column types and levels adds a first pass).
     *
     * @param keptPerRow carried columns are kept per row (else per node, constant within it)
     */
    static CsvInfo read(Path file, CsvOptions options, Progress progress, boolean keptPerRow, SinkFactory factory) {
        String name = file.toString();
        long t0 = System.nanoTime();
        char sep = Separator.resolve(file, options.separator());
        List<String> header = header(file, name, sep);
        CsvColumns cols = options.formula() != null ? FormulaColumns.resolve(file, header, options, sep)
                : CsvColumns.resolve(header, options, name);
        try (CsvInput input = CsvInput.open(file)) {
            CsvTokenizer tok = new CsvTokenizer(input.stream(), name, sep);
            tok.next();
            RowSink sink = factory.create(cols);
            NodeIndex nodes = new NodeIndex();
            MissingCells missing = new MissingCells();
            KeptColumns kept = new KeptColumns(cols.header(), options.keepColumns(), keptPerRow, name);
            RecordParser parser = cols.design() != null ? new FormulaRowParser(tok, cols, options, name, nodes, missing, sep)
                    : new RowParser(tok, cols, options, name, nodes, missing, sep);
            long rows = 0;
            long records = 0;
            while (tok.next()) {
                if (tok.blank()) continue;
                records++;
                int node = parser.parse();
                if (node < 0) continue;
                kept.accept(tok, node, nodes, records);
                try {
                    sink.accept(node, parser.y(), parser.x(), 0);
                } catch (OutOfScale e) {
                    throw outOfScale(name, tok, cols, e.coefficient);
                }
                rows++;
                if ((rows & PROGRESS_MASK) == 0) progress.reading(rows, input.bytesRead(), input.fileSize());
            }
            if (rows == 0) {
                throw new CmlrException(ExitCode.DATA_FORMAT, name + ": no data rows after the header line"
                        + (missing.rows() > 0 ? " (" + missing.describe() + ")" : ""));
            }
            progress.readingFinished(rows, input.bytesRead(), input.fileSize());
            progress.done();
            return new CsvInfo(name, rows, input.bytesRead(), cols, nodes, System.nanoTime() - t0, sep, missing, kept);
        }
    }

    /** The header line's names (trimmed); a file without one is an error. */
    static List<String> header(Path file, String name, char sep) {
        try (CsvInput input = CsvInput.open(file)) {
            CsvTokenizer tok = new CsvTokenizer(input.stream(), name, sep);
            if (!tok.next()) throw new CmlrException(ExitCode.DATA_FORMAT, name + ": the file is empty (no header line)");
            return header(tok);
        }
    }

    static List<String> header(CsvTokenizer tok) {
        List<String> names = new ArrayList<>(tok.fieldCount());
        for (int i = 0; i < tok.fieldCount(); i++) {
            String name = tok.text(i);
            // a CR inside the header: lines end in CR alone, and the whole file reads as one header line
            if (name.indexOf('\r') >= 0) throw CsvTokenizer.crOnly(tok.fileName(), tok.line());
            names.add(name.trim());
        }
        return names;
    }

    /** Turns the current record into (node, y, x); reused across rows. */
    static final class RowParser implements RecordParser {
        final double[] x;
        double y;
        private final CsvTokenizer tok;
        private final CsvColumns cols;
        private final String file;
        private final NodeIndex nodes;
        private final MissingCells missing;
        private final boolean omit;
        private final boolean decimalComma;
        private final int offset;
        private final int width;
        private final int[] missingFields;
        private int missingCount;

        RowParser(CsvTokenizer tok, CsvColumns cols, CsvOptions options, String file, NodeIndex nodes, MissingCells missing,
                  char sep) {
            this.tok = tok;
            this.cols = cols;
            this.file = file;
            this.nodes = nodes;
            this.missing = missing;
            this.omit = options.missing() == CsvOptions.MissingPolicy.OMIT;
            this.decimalComma = sep == ';';
            this.x = new double[cols.dim()];
            this.offset = options.intercept() ? 1 : 0;
            if (options.intercept()) x[0] = 1.0;
            this.width = cols.header().size();
            this.missingFields = new int[cols.features().length + 2];
        }

        @Override public double y() { return y; }

        @Override public double[] x() { return x; }

        @Override
        public int parse() {
            if (tok.fieldCount() != width) throw Cells.ragged(file, tok, cols.header());
            missingCount = 0;
            int nodeField = cols.node();
            if (tok.start(nodeField) == tok.end(nodeField)) {
                if (!omit) throw new CmlrException(ExitCode.DATA_FORMAT, where(nodeField) + ": empty node id");
                missingFields[missingCount++] = nodeField;
            }
            y = cols.hasResponse() ? number(cols.response()) : Double.NaN;
            int[] f = cols.features();
            for (int k = 0; k < f.length; k++) x[offset + k] = number(f[k]);
            if (missingCount > 0) {
                missing.drop(cols.header(), missingFields, missingCount);
                return -1;
            }
            int node = nodes.indexOf(tok, nodeField, tok.line());
            if (cols.hasLabels()) label(node);
            return node;
        }

        /** The cell's number; a missing cell under --na omit is noted (the row is dropped) and read as NaN. */
        private double number(int field) {
            double v;
            try {
                v = Cells.number(tok, field, decimalComma);
            } catch (NumberFormatException e) {
                if (omit && Cells.missing(tok, field)) {
                    missingFields[missingCount++] = field;
                    return Double.NaN;
                }
                throw Cells.notANumber(file, tok, cols.header(), field);
            }
            if (!Double.isFinite(v)) {
                throw new CmlrException(ExitCode.DATA_FORMAT, where(field) + ": NaN or infinite value '"
                        + tok.text(field) + "' is not allowed");
            }
            return v;
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

        private String where(int field) {
            return Cells.where(file, tok, cols.header(), field);
        }
    }
}
