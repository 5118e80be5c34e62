package io.github.cmlr.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Parses the records of one chunk of a quote-free comma-separated file straight from its bytes, in
 * one pass: each field's end is found eight bytes at a time (a double quote anywhere makes the chunk
 * not eligible: a chunk boundary could fall inside a quoted field) and its number parsed in place by
 * {@link NumberParser}, with no tokenizer pass in between. It reads exactly what the serial reader
 * reads (the same fields, a trailing CR dropped, blank lines skipped, the same doubles). Any record
 * the serial reader would drop or refuse (a wrong number of cells, an empty, NA, non-numeric or
 * non-finite cell, an empty node id, a label that is not an integer or changes within a node)
 * makes the chunk not eligible: the file is then read serially, which reports it by line and column.
 */
final class CsvChunkScanner {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long COMMAS = ',' * ONES;
    private static final long LINE_FEEDS = '\n' * ONES;
    private static final long QUOTES = '"' * ONES;
    /** Roles of a column; a role >= 0 is the column's slot in the design row. */
    private static final int SKIP = -1;
    private static final int NODE = -2;
    private static final int RESPONSE = -3;
    private static final int LABEL = -4;

    /** The rows of one chunk, nodes numbered within the chunk in order of first appearance. */
    record Rows(int count, double[] y, double[] x, int[] node, NodeIndex nodes, long lines) {}

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

    /** Parses every record of {@code b} (whole records, the last one's line feed optional); {@code b} is not modified. */
    Rows scan(byte[] b) throws ChunkedCsvReader.NotEligible {
        int cap = Math.max(16, b.length / (2 * role.length * 8) * 8);
        double[] y = new double[cap];
        double[] x = new double[cap * dim];
        int[] node = new int[cap];
        NodeIndex nodes = new NodeIndex();
        int n = 0;
        long line = 0;
        int p = 0;
        while (p < b.length) {
            line++;
            if (blankAt(b, p)) {
                p = lineEnd(b, p) + 1;
                continue;
            }
            if (n == y.length) {
                cap = n + (n >> 1) + 16;
                y = Arrays.copyOf(y, cap);
                x = Arrays.copyOf(x, cap * dim);
                node = Arrays.copyOf(node, cap);
            }
            p = record(b, p, line, n, y, x, node, nodes);
            n++;
        }
        return new Rows(n, y, x, node, nodes, line);
    }

    /** A line that the tokenizer reads as one empty field (nothing, or a CR alone, before its line feed). */
    private static boolean blankAt(byte[] b, int p) {
        return b[p] == '\n' || b[p] == '\r' && (p + 1 == b.length || b[p + 1] == '\n');
    }

    private static int lineEnd(byte[] b, int p) {
        while (p < b.length && b[p] != '\n') p++;
        return p;
    }

    /** Reads the record at p into row r; returns the position just past its line feed (or the end). */
    private int record(byte[] b, int p, long line, int r, double[] y, double[] x, int[] node, NodeIndex nodes)
            throws ChunkedCsvReader.NotEligible {
        int limit = b.length;
        int row = r * dim;
        if (intercept) x[row] = 1.0;
        int nodeStart = -1;
        int nodeEnd = -1;
        int label = -1;
        int last = role.length - 1;
        for (int col = 0; ; col++) {
            int s = p;
            int e = fieldEnd(b, p, limit);
            if (e < limit && b[e] == '"') throw new ChunkedCsvReader.NotEligible(); // a chunk boundary may cut a quoted field
            boolean ends = e == limit || b[e] == '\n';
            if (ends != (col == last)) throw new ChunkedCsvReader.NotEligible(); // ragged: the serial reader says where
            int te = e > s && b[e - 1] == '\r' ? e - 1 : e;
            int what = role[col];
            if (what >= 0) x[row + what] = number(b, s, te);
            else if (what == RESPONSE) y[r] = number(b, s, te);
            else if (what == NODE) {
                nodeStart = s;
                nodeEnd = te;
            } else if (what == LABEL) label = label(number(b, s, te));
            p = e + 1;
            if (ends) break;
        }
        if (nodeStart == nodeEnd) throw new ChunkedCsvReader.NotEligible();
        if (!response) y[r] = Double.NaN;
        int j = nodes.indexOf(b, nodeStart, nodeEnd, line);
        if (labels && nodes.setLabel(j, label) >= 0) throw new ChunkedCsvReader.NotEligible();
        node[r] = j;
        return Math.min(p, limit);
    }

    private static double number(byte[] b, int s, int e) throws ChunkedCsvReader.NotEligible {
        double v;
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

    /** The first comma, line feed or double quote at or after p, eight bytes at a time; limit if none. */
    static int fieldEnd(byte[] b, int p, int limit) {
        for (; p + 8 <= limit; p += 8) {
            long v = (long) LONG_LE.get(b, p);
            long hit = zeroBytes(v ^ COMMAS) | zeroBytes(v ^ LINE_FEEDS) | zeroBytes(v ^ QUOTES);
            if (hit != 0) return p + (Long.numberOfTrailingZeros(hit) >>> 3);
        }
        while (p < limit && b[p] != ',' && b[p] != '\n' && b[p] != '"') p++;
        return p;
    }

    /** The high bit of each byte of v that is zero, exactly (no borrow between bytes). */
    static long zeroBytes(long v) {
        return ~(((v & LOW7) + LOW7) | v | LOW7);
    }
}
