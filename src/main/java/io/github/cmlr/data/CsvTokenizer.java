package io.github.cmlr.data;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into CSV records and fields without creating objects per cell. Fields are
 * separated by a separator byte (a comma unless given), records by LF or CRLF; a field may be double-quoted (then it may hold
 * separators, line breaks and doubled quotes). A record always lies whole in the buffer, so fields
 * are plain byte ranges {@code [start(i), end(i))} of {@link #buffer()} (quotes excluded).
 */
final class CsvTokenizer {
    private static final int INITIAL_BUFFER = 1 << 20;

    private final InputStream in;
    private final String fileName;
    private final byte sep;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean bomChecked;
    private long nextLine = 1;
    private long recordLine;
    private int fields;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private boolean[] escaped = new boolean[64];

    CsvTokenizer(InputStream in, String fileName) {
        this(in, fileName, ',');
    }

    CsvTokenizer(InputStream in, String fileName, char separator) {
        this.in = in;
        this.fileName = fileName;
        this.sep = (byte) separator;
    }

    /** Tokenizes exactly these bytes (a whole chunk of records), without copying them or looking for a byte order mark. */
    CsvTokenizer(byte[] records, String fileName) {
        this.in = InputStream.nullInputStream();
        this.fileName = fileName;
        this.buf = records;
        this.limit = records.length;
        this.eof = true;
        this.bomChecked = true;
        this.sep = (byte) ',';
    }

    /** Advances to the next record; false at the end of the input. */
    boolean next() {
        while (true) {
            if (pos >= limit) {
                if (eof) return false;
                fill();
                continue;
            }
            if (!bomChecked && skipByteOrderMark()) {
                fill();
                continue;
            }
            if (scanRecord()) return true;
            if (eof) throw malformed(fields, "a quoted field is not closed before the end of the file");
            fill();
        }
    }

    /** Skips a UTF-8 byte order mark at the very start; true when it needs more bytes to decide. */
    private boolean skipByteOrderMark() {
        if (limit < 3 && !eof) return true;
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) pos = 3;
        bomChecked = true;
        return false;
    }

    int fieldCount() { return fields; }

    /** The file name messages use. */
    String fileName() { return fileName; }

    int start(int i) { return starts[i]; }

    int end(int i) { return ends[i]; }

    byte[] buffer() { return buf; }

    /** 1-based line number where the current record starts. */
    long line() { return recordLine; }

    /** True for an empty line. */
    boolean blank() { return fields == 1 && starts[0] == ends[0]; }

    /** Field i as text, quotes removed and doubled quotes undone. */
    String text(int i) {
        String s = new String(buf, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
        return escaped[i] ? s.replace("\"\"", "\"") : s;
    }

    /** True when field i equals the given bytes (a field with doubled quotes never does). */
    boolean fieldEquals(int i, byte[] other) {
        return !escaped[i] && Arrays.equals(buf, starts[i], ends[i], other, 0, other.length);
    }

    /**
     * Scans one record from pos; on success sets the fields and moves pos past its terminator.
     * Returns false when the buffer ends before the record does (and the input has more).
     */
    private boolean scanRecord() {
        int p = pos;
        int n = 0;
        long lines = 0;
        while (true) {
            ensureFieldCapacity(n);
            boolean esc = false;
            int s;
            int e;
            if (p < limit && buf[p] == '"') {
                s = p + 1;
                int q = s;
                while (true) {
                    if (q >= limit) {
                        fields = n;
                        return false;
                    }
                    byte c = buf[q];
                    if (c == '"') {
                        if (q + 1 >= limit && !eof) return false;
                        if (q + 1 >= limit || buf[q + 1] != '"') break;
                        esc = true;
                        q += 2;
                    } else {
                        if (c == '\n') lines++;
                        q++;
                    }
                }
                e = q;
                p = q + 1;
                if (p < limit && buf[p] == '\r') {
                    if (p + 1 >= limit && !eof) return false;
                    if (p + 1 < limit && buf[p + 1] != '\n') throw malformed(n, "unexpected character after a closing quote");
                    p++;
                }
                if (p < limit && buf[p] != sep && buf[p] != '\n') {
                    throw malformed(n, "unexpected character after a closing quote");
                }
            } else {
                s = p;
                while (p < limit && buf[p] != sep && buf[p] != '\n') p++;
                if (p >= limit && !eof) return false;
                e = p;
                if (e > s && buf[e - 1] == '\r') e--;
            }
            starts[n] = s;
            ends[n] = e;
            escaped[n] = esc;
            n++;
            if (p >= limit) {
                finishRecord(n, p, lines);
                return true;
            }
            if (buf[p] == '\n') {
                finishRecord(n, p + 1, lines + 1);
                return true;
            }
            p++; // a separator: another field follows (possibly empty, possibly at the end of the input)
            if (p >= limit && !eof) return false;
        }
    }

    private void finishRecord(int n, int newPos, long linesUsed) {
        fields = n;
        recordLine = nextLine;
        nextLine += linesUsed;
        pos = newPos;
    }

    /** Keeps the unread bytes and reads more (growing the buffer when a record fills it); sets eof at the end. */
    private void fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            requireLineFeeds();
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) eof = true;
            else limit += n;
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, fileName + ": cannot read near line " + nextLine + ": " + IoErrors.describe(e), e);
        }
    }

    /**
     * A record that fills the whole buffer holds no LF; if it holds CRs, the file's line ends are
     * CR only (classic Mac OS): refused before the buffer grows to the size of the file.
     */
    private void requireLineFeeds() {
        boolean cr = false;
        for (int i = 0; i < limit; i++) {
            if (buf[i] == '\n') return;
            if (buf[i] == '\r') cr = true;
        }
        if (cr) throw crOnly(fileName, nextLine);
    }

    /** The message for a file whose lines end in CR alone. */
    static CmlrException crOnly(String fileName, long line) {
        return new CmlrException(ExitCode.DATA_FORMAT, fileName + ": line " + line + ": the line ends are CR only (classic "
                + "Mac OS); cmlr reads LF or CRLF line ends: convert the file, e.g. tr '\\r' '\\n' < IN > OUT");
    }

    private void ensureFieldCapacity(int n) {
        if (n < starts.length) return;
        starts = Arrays.copyOf(starts, n * 2);
        ends = Arrays.copyOf(ends, n * 2);
        escaped = Arrays.copyOf(escaped, n * 2);
    }

    private CmlrException malformed(int column, String what) {
        return new CmlrException(ExitCode.DATA_FORMAT,
                fileName + ": line " + nextLine + ", column " + (column + 1) + ": " + what);
    }
}
