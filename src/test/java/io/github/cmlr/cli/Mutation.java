package io.github.cmlr.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One change a hostile user (or a broken disk, editor or transfer) makes to a valid input file,
 * applied to its bytes. {@code at} picks the position (modulo the length), {@code pick} the
 * payload, so a mutation is a plain value that jqwik can generate, shrink and print.
 */
record Mutation(Kind kind, int at, int pick) {
    enum Kind {
        TRUNCATE, FLIP_BYTE, DELETE_RANGE, INSERT_QUOTE, INSERT_SEPARATOR, INSERT_LINE_BREAK, DUPLICATE_LINE,
        HUGE_NUMBER, TINY_NUMBER, ODD_NUMBER, UNICODE, CR_LINE_ENDS, CRLF_LINE_ENDS, EMPTY_FIELD
    }

    static final List<String> HUGE = List.of("1e308", "-1.7976931348623157e308", "1e400", "1e200", "-3e250",
            "123456789012345678901234567890", "9223372036854775808", "2147483648");
    static final List<String> TINY = List.of("1e-320", "4.9e-324", "1e-200", "-0", "0", "0.0", "1e-400");
    static final List<String> ODD = List.of("0x1p3", "1.5d", "NaN", "-Infinity", "1_000", ".", "-", "1e", "+.e5", "١٢");
    static final List<String> UNICODE_TEXT = List.of("é", "中文", "😀", "\uFEFF", "\u00A0", "\u0000", "\u202E", "\uFFFD");

    byte[] apply(byte[] in) {
        int n = in.length;
        int p = n == 0 ? 0 : Math.floorMod(at, n + 1);
        switch (kind) {
            case TRUNCATE:
                return Arrays.copyOf(in, p);
            case FLIP_BYTE:
                if (n == 0) return in;
                byte[] f = in.clone();
                f[Math.min(p, n - 1)] ^= (byte) (1 << (pick % 8));
                return f;
            case DELETE_RANGE:
                return splice(in, p, Math.min(n, p + 1 + pick % 40), "");
            case INSERT_QUOTE:
                return splice(in, p, p, "\"");
            case INSERT_SEPARATOR:
                return splice(in, p, p, List.of(",", ":", "{", "]", "- ", ",,").get(pick % 6));
            case INSERT_LINE_BREAK:
                return splice(in, p, p, List.of("\n", "\r", "\r\n", "\n\n").get(pick % 4));
            case DUPLICATE_LINE:
                return duplicateLine(in, p);
            case HUGE_NUMBER:
                return replaceNumber(in, p, HUGE.get(pick % HUGE.size()));
            case TINY_NUMBER:
                return replaceNumber(in, p, TINY.get(pick % TINY.size()));
            case ODD_NUMBER:
                return replaceNumber(in, p, ODD.get(pick % ODD.size()));
            case UNICODE:
                return splice(in, p, p, UNICODE_TEXT.get(pick % UNICODE_TEXT.size()));
            case CR_LINE_ENDS:
                return text(in).replace("\r\n", "\n").replace('\n', '\r').getBytes(StandardCharsets.UTF_8);
            case CRLF_LINE_ENDS:
                return text(in).replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            case EMPTY_FIELD:
                return replaceNumber(in, p, "");
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    static byte[] applyAll(byte[] in, List<Mutation> ms) {
        byte[] b = in;
        for (Mutation m : ms) b = m.apply(b);
        return b;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] in, int from, int to, String insert) {
        return splice(in, from, to, insert.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
        out.write(in, 0, from);
        out.writeBytes(insert);
        out.write(in, to, in.length - to);
        return out.toByteArray();
    }

    /** Replaces the run of number characters at or after p (or inserts at p when there is none). */
    private static byte[] replaceNumber(byte[] in, int p, String value) {
        int s = p;
        while (s < in.length && !numberChar(in[s])) s++;
        if (s == in.length) return splice(in, p, p, value);
        int e = s;
        while (e < in.length && numberChar(in[e])) e++;
        return splice(in, s, e, value);
    }

    private static boolean numberChar(byte c) {
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E';
    }

    private static byte[] duplicateLine(byte[] in, int p) {
        int s = p;
        while (s > 0 && in[s - 1] != '\n') s--;
        int e = p;
        while (e < in.length && in[e] != '\n') e++;
        if (e < in.length) e++;
        return splice(in, e, e, Arrays.copyOfRange(in, s, e));
    }
}
