package io.github.cmlr.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Parses a decimal number whose field end is already known, in a buffer with at least
 * {@link #PADDING} readable bytes past that end, without a branch that depends on how many digits
 * it has: an optional minus sign, up to 7 integer digits, an optional point and fraction digits,
 * at most 19 digits in all. The integer digits, then the fraction's (8 to 16 of them: its first
 * eight bytes and the field's last eight; else three blocks of eight) are read as little-endian
 * longs and valued with SWAR arithmetic, and one test checks that every byte the field's length
 * calls a digit is one. The commonest shape of standardised data, one integer digit and 8 to 16
 * fraction digits, is tried first with loads placed by the field's end alone. Anything else (a plus
 * sign, an exponent, spaces, words, more digits) and the rare values that Eisel-Lemire cannot
 * decide give NaN, and the caller parses the field with {@link NumberParser#parse(byte[], int, int)},
 * which is exact on everything. A value it returns is the double {@link Double#parseDouble} gives.
 */
final class PaddedNumberParser {
    /** Readable bytes a buffer needs past the end of any field given to {@link #parse}. */
    static final int PADDING = 64;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030303030303030L;
    private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
    private static final long SIXES = 0x0606060606060606L;
    /** 10^n for n = 0..8 (indexed with n & 15 so the index needs no bounds check). */
    private static final long[] POW10 = new long[16];

    static {
        long p = 1;
        for (int n = 0; n <= 8; n++, p *= 10) POW10[n] = p;
    }

    private PaddedNumberParser() {}

    /**
     * The number {@code b[from, to)}, or NaN when this path does not take it; reads up to
     * {@link #PADDING} bytes past {@code to} but does not modify {@code b}.
     */
    static double parse(byte[] b, int from, int to) {
        int minus = (((b[from] & 0xFF) ^ '-') - 1) >>> 31; // 1 for '-' alone (a byte above 127 is not a sign)
        int i = from + minus;
        long sign = (long) minus << 63;
        long v0 = (long) LONG_LE.get(b, i);
        double unit = oneDigitAndFraction(b, i, to, v0);
        if (unit == unit) return Double.longBitsToDouble(Double.doubleToRawLongBits(unit) | sign);
        int n = leadingDigits(v0);
        long w = n == 1 ? v0 & 0x0F : digitsValue(v0, n); // one integer digit is the common case
        if (n == to - i) return n == 0 ? Double.NaN : Double.longBitsToDouble(Double.doubleToRawLongBits((double) w) | sign);
        int f = i + n + 1;
        int frac = to - f;
        if (n == 8 || b[f - 1] != '.' || frac + n > 19 || frac + n <= 0) return Double.NaN; // <= 0: no digit, or to < from + 2
        if (frac >= 8 && frac <= 16) {
            long first = (long) LONG_LE.get(b, f);
            long last = (long) LONG_LE.get(b, to - 8);
            if ((notDigits(first) | notDigits(last)) != 0) return Double.NaN;
            w = withFraction(w, first, last, frac);
        } else {
            int bad = 0;
            for (int at = f, rest = frac; at < f + 24; at += 8) { // three blocks of eight, unrolled
                long v = (long) LONG_LE.get(b, at);
                int c = Math.min(rest, 8);
                bad |= leadingDigits(v) - c;
                w = w * POW10[c & 15] + digitsValue(v, c);
                rest -= c;
            }
            if (bad < 0) return Double.NaN;
        }
        double v = w == 0 ? 0.0 : NumberParser.fastPath(w, -frac);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) | sign);
    }

    /**
     * The common shape of standardised data, one integer digit, a point and 8 to 16 fraction
     * digits, unsigned at {@code b[i, to)} ({@code v0}: its first eight bytes), or NaN for any
     * other shape. Every load's address follows from i and the field's end alone, not from the
     * digits before it, so the loads and digit arithmetic of consecutive fields overlap where the
     * general path waits for the integer digits' count; the result is the general path's.
     */
    private static double oneDigitAndFraction(byte[] b, int i, int to, long v0) {
        int frac = to - i - 2;
        long first = (long) LONG_LE.get(b, i + 2);
        long last = (long) LONG_LE.get(b, Math.max(to - 8, i)); // to - 8 when the shape holds (frac >= 8)
        if (frac < 8 || frac > 16 || (v0 & 0xFF00L) != ('.' << 8)
                || ((notDigits(v0) & 0xF0L) | notDigits(first) | notDigits(last)) != 0) return Double.NaN;
        long w = withFraction(v0 & 0x0F, first, last, frac);
        if (w == 0) return 0.0;
        // up to 15 digits Clinger's one division is exact; from 16 on w may pass 2^53 and Eisel-Lemire decides
        return frac <= 14 ? NumberParser.fastPath(w, -frac) : NumberParser.eiselLemire(w, -frac);
    }

    /**
     * w followed by 8 to 16 fraction digits: the eight of {@code first}, then the last frac - 8 of
     * {@code last}, the field's last eight bytes (which repeat the first 16 - frac: masked off).
     */
    private static long withFraction(long w, long first, long last, int frac) {
        int tail = frac - 8;
        return (w * 100_000_000L + eightDigits(first - ZEROS)) * POW10[tail & 15]
                + eightDigits((last - ZEROS) & (-1L << ((8 - tail) << 3)) & ((long) -tail >> 63));
    }

    /**
     * How many of the eight bytes of v (the first in the lowest byte) are ASCII digits before the
     * first one that is not. A byte's test can be spoiled only by a carry from a lower byte that
     * is not a digit, so the count is exact.
     */
    static int leadingDigits(long v) {
        return Long.numberOfTrailingZeros(notDigits(v)) >>> 3;
    }

    /** Nonzero high nibbles where a byte of v is not a digit (those after the first are not exact). */
    private static long notDigits(long v) {
        return ((v & HIGH_NIBBLES) ^ ZEROS) | (((v + SIXES) & HIGH_NIBBLES) ^ ZEROS);
    }

    /** The value of the first n (0..8) bytes of v, all digits, the first the most significant. */
    static long digitsValue(long v, int n) {
        // the n digits moved to the top bytes (zero digits enter below); borrows only run into later bytes
        return eightDigits(((v - ZEROS) << ((8 - n) << 3)) & ((long) -n >> 63));
    }

    /** The value of eight digit values 0..9 in the bytes of d, the first (lowest byte) the most significant. */
    private static long eightDigits(long d) {
        d = d * 10 + (d >>> 8);
        return ((d & 0x000000FF000000FFL) * (100 + (1_000_000L << 32))
                + ((d >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))) >>> 32;
    }
}
