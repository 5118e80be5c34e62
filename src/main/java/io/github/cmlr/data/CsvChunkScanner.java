package io.github.cmlr.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Parses the records of one chunk of a quote-free comma-separated file straight from its bytes, in
 * two passes: first the positions of every byte that may end a field (comma, line feed, double
 * quote, and the other bytes below '-', which are stepped over), listed in order by
 * {@link FieldEnds}; then each record's fields from that list, numbers parsed in place
 * ({@link PaddedNumberParser}, else {@link NumberParser}), with no tokenizer in between. Since a
 * field's end comes from the list, not from parsing the field before it, the parses of
 * neighbouring fields do not wait for each other. A double quote anywhere makes the chunk not
 * eligible (a chunk boundary could fall inside a quoted field). It reads exactly what the serial
 * reader reads (the same fields, a trailing CR dropped, blank lines skipped, the same doubles).
 * Any record the serial reader would drop or refuse (a wrong number of cells, an empty, NA,
 * non-numeric or non-finite cell, an empty node id, a label that is not an integer or changes
 * within a node) makes the chunk not eligible: the file is then read serially, which reports it
 * by line and column.
 */
final class CsvChunkScanner {
    /** Roles of a column; a role >= 0 is the column's slot in the design row. */
    private static final int SKIP = -1;
    private static final int NODE = -2;
    private static final int RESPONSE = -3;
    private static final int LABEL = -4;

    /**
     * The rows of one chunk, nodes numbered within the chunk in order of first appearance, in the
     * arrays of {@code buffers} (valid until those are reused).
     */
    record Rows(int count, double[] y, double[] x, int[] node, NodeIndex nodes, long lines, Buffers buffers) {}

    /**
     * The arrays one chunk is read and parsed into, reused from chunk to chunk once its rows have
     * been consumed. Fresh arrays per chunk came to about 4.5 bytes of garbage per byte read,
     * whose young collections copied the chunks in flight: a fifth of a large file's read time
     * in pauses, and the zeroing of every new array besides.
     */
    static final class Buffers {
        byte[] bytes = new byte[0];
        int[] ends;
        double[] y = new double[0];
        double[] x = new double[0];
        int[] node = new int[0];

        /** {@link #bytes}, at least {@code length} long and zero from {@code from} to {@code length}. */
        byte[] bytes(int from, int length) {
            if (bytes.length < length) bytes = new byte[length];
            else java.util.Arrays.fill(bytes, from, length, (byte) 0);
            return bytes;
        }
    }

    private final int[] role;
    private final int dim;
    private final boolean intercept;
    private final boolean labels;
    private final boolean response;

    /**
     * @throws ChunkedCsvReader.NotEligible when a column has two roles (read serially instead)
     */
    CsvChunkScanner(CsvColumns cols, boolean intercept) throws ChunkedCsvReader.NotEligible {
        this.role = new int[cols.header().size()];
        Arrays.fill(role, SKIP);
        this.dim = cols.dim();
        this.intercept = intercept;
        this.labels = cols.hasLabels();
        this.response = cols.hasResponse();
        assign(cols.node(), NODE);
        if (cols.hasResponse()) assign(cols.response(), RESPONSE);
        if (labels) assign(cols.label(), LABEL);
        int[] f = cols.features();
        for (int k = 0; k < f.length; k++) assign(f[k], (intercept ? 1 : 0) + k);
    }

    private void assign(int column, int what) throws ChunkedCsvReader.NotEligible {
        if (column < 0 || role[column] != SKIP) throw new ChunkedCsvReader.NotEligible();
        role[column] = what;
    }

    /**
     * Parses every record of {@code b[0, length)} (whole records, the last one's line feed
     * optional); {@code b} holds at least {@link PaddedNumberParser#PADDING} zero bytes past
     * {@code length} and is not modified.
     */
    Rows scan(byte[] b, int length, Buffers buf) throws ChunkedCsvReader.NotEligible {
        int[] ends = buf.ends = FieldEnds.of(b, length, buf.ends);
        int cap = dim == 0 ? buf.y.length : Math.min(buf.y.length, buf.x.length / dim);
        if (cap < expectedRecords(b, length)) {
            cap = expectedRecords(b, length);
            buf.y = new double[cap];
            buf.x = new double[cap * dim];
            buf.node = new int[cap];
        }
        double[] y = buf.y;
        double[] x = buf.x;
        int[] node = buf.node;
        NodeIndex nodes = new NodeIndex();
        int n = 0;
        long line = 0;
        int p = 0;
        int k = 0;
        while (p < length) {
            line++;
            if (blankAt(b, p, length)) {
                while (b[ends[k]] != '\n' && ends[k] < length) k++; // a blank line's CR
                p = ends[k++] + 1; // past its line feed
                continue;
            }
            if (n == y.length) {
                cap = n + (n >> 1) + 16;
                y = Arrays.copyOf(y, cap);
                x = Arrays.copyOf(x, cap * dim);
                node = Arrays.copyOf(node, cap);
            }
            k = record(b, p, ends, k, length, line, n, y, x, node, nodes);
            p = ends[k - 1] + 1;
            n++;
        }
        buf.y = y;
        buf.x = x;
        buf.node = node;
        return new Rows(n, y, x, node, nodes, line, buf);
    }

    /** Records the chunk is likely to hold, from its first line's length (a little over; the arrays grow if not). */
    private static int expectedRecords(byte[] b, int length) {
        int first = 0;
        while (first < length && b[first] != '\n') first++;
        int perLine = length / (first + 1);
        return Math.min(length / 2, perLine + (perLine >> 3)) + 16;
    }

    /** A line that the tokenizer reads as one empty field (nothing, or a CR alone, before its line feed). */
    private static boolean blankAt(byte[] b, int p, int limit) {
        return b[p] == '\n' || b[p] == '\r' && (p + 1 == limit || b[p + 1] == '\n');
    }

    /**
     * Reads the record that starts at p, whose fields end at ends[k], ends[k + 1], ..., into row r;
     * returns the index in ends past its last field.
     */
    private int record(byte[] b, int p, int[] ends, int k, int limit, long line, int r, double[] y, double[] x, int[] node,
                       NodeIndex nodes) throws ChunkedCsvReader.NotEligible {
        int row = r * dim;
        if (intercept) x[row] = 1.0;
        int nodeStart = -1;
        int nodeEnd = -1;
        int label = -1;
        int last = role.length - 1;
        int s = p;
        for (int col = 0; col <= last; col++) {
            int e = ends[k++];
            byte c = b[e]; // ',', '\n', another byte below '-', or the zero past the data
            while (c != ',' && c != '\n' && e < limit) { // a CR, space, '+' ... inside the field
                if (c == '"') throw new ChunkedCsvReader.NotEligible(); // a chunk boundary may cut a quoted field
                e = ends[k++];
                c = b[e];
            }
            if ((c != ',') != (col == last)) throw new ChunkedCsvReader.NotEligible(); // ragged: the serial reader says where
            int te = e > s && b[e - 1] == '\r' ? e - 1 : e;
            int what = role[col];
            if (what >= 0) x[row + what] = number(b, s, te);
            else if (what == RESPONSE) y[r] = number(b, s, te);
            else if (what == NODE) {
                nodeStart = s;
                nodeEnd = te;
            } else if (what == LABEL) label = label(number(b, s, te));
            s = e + 1;
        }
        if (nodeStart == nodeEnd) throw new ChunkedCsvReader.NotEligible();
        if (!response) y[r] = Double.NaN;
        int j = nodes.indexOf(b, nodeStart, nodeEnd, line);
        if (labels && nodes.setLabel(j, label) >= 0) throw new ChunkedCsvReader.NotEligible();
        node[r] = j;
        return k;
    }

    /** The finite number b[s, e): by {@link PaddedNumberParser} when it takes it, else exactly by {@link NumberParser}. */
    private static double number(byte[] b, int s, int e) throws ChunkedCsvReader.NotEligible {
        double v = PaddedNumberParser.parse(b, s, e);
        if (v == v) return v;
        try {
            v = NumberParser.parse(b, s, e);
        } catch (NumberFormatException ex) {
            throw new ChunkedCsvReader.NotEligible();
        }
        if (!Double.isFinite(v)) throw new ChunkedCsvReader.NotEligible();
        return v;
    }

    private static int label(double v) throws ChunkedCsvReader.NotEligible {
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) throw new ChunkedCsvReader.NotEligible();
        return (int) v;
    }
}
