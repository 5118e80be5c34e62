package io.github.cmlr.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Parses a decimal number whose field end is already known, in a buffer with at least
 * {@link #PADDING} readable bytes past that end, without a branch that depends on how many digits
 * it has: an optional minus sign, up to 7 integer digits, an optional point and fraction digits,
 * at most 19 digits in all. The integer digits and three blocks of eight fraction bytes are read
 * as little-endian longs; each block's digits are counted and valued with SWAR arithmetic, and one
 * test checks that every byte the field's length calls a digit is one. Anything else (a plus
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
        int minus = ((b[from] ^ '-') - 1) >>> 31;
        int i = from + minus;
        long sign = (long) minus << 63;
        long v0 = (long) LONG_LE.get(b, i);
        int n = leadingDigits(v0);
        long w = digitsValue(v0, n);
        if (n == to - i) return n == 0 ? Double.NaN : Double.longBitsToDouble(Double.doubleToRawLongBits((double) w) | sign);
        int f = i + n + 1;
        int frac = to - f;
        if (n == 8 || b[f - 1] != '.' || frac + n > 19 || frac + n == 0) return Double.NaN;
        long v1 = (long) LONG_LE.get(b, f);
        long v2 = (long) LONG_LE.get(b, f + 8);
        long v3 = (long) LONG_LE.get(b, f + 16);
        int c1 = Math.min(frac, 8);
        int c2 = Math.max(0, Math.min(frac - 8, 8));
        int c3 = Math.max(0, frac - 16);
        if (((leadingDigits(v1) - c1) | (leadingDigits(v2) - c2) | (leadingDigits(v3) - c3)) < 0) return Double.NaN;
        w = ((w * POW10[c1] + digitsValue(v1, c1)) * POW10[c2] + digitsValue(v2, c2)) * POW10[c3 & 15] + digitsValue(v3, c3);
        double v = w == 0 ? 0.0 : NumberParser.fastPath(w, -frac);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) | sign);
    }

    /**
     * How many of the eight bytes of v (the first in the lowest byte) are ASCII digits before the
     * first one that is not. A byte's test can be spoiled only by a carry from a lower byte that
     * is not a digit, so the count is exact.
     */
    static int leadingDigits(long v) {
        long notDigit = ((v & HIGH_NIBBLES) ^ ZEROS) | (((v + SIXES) & HIGH_NIBBLES) ^ ZEROS);
        return Long.numberOfTrailingZeros(notDigit) >>> 3;
    }

    /** The value of the first n (0..8) bytes of v, all digits, the first the most significant. */
    static long digitsValue(long v, int n) {
        // the n digits moved to the top bytes (zero digits enter below); borrows only run into later bytes
        long d = ((v - ZEROS) << ((8 - n) << 3)) & ((long) -n >> 63);
        d = d * 10 + (d >>> 8);
        return ((d & 0x000000FF000000FFL) * (100 + (1_000_000L << 32))
                + ((d >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))) >>> 32;
    }
}
