package io.github.cmlr.data;

import io.github.cmlr.util.DecimalSyntax;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers straight from bytes, correctly rounded (the same double as
 * {@link Double#parseDouble}). Plain and exponent notation with at most 19 significant digits
 * take a fast path: Clinger's exact one-operation case, else the Eisel-Lemire algorithm with a
 * 128-bit table of powers of five. Everything else (more digits, subnormal results, ambiguous
 * halfway cases, "NaN", "Infinity", surrounding spaces) falls back to {@link Double#parseDouble},
 * so the result is always exact. Only the documented formats are numbers ({@link DecimalSyntax}):
 * Java's hex floats and type suffixes ("0x1p3", "1.5d") are refused like any other text.
 */
public final class NumberParser {
    static final int MIN_Q = -342;
    static final int MAX_Q = 308;
    private static final long[] POW5_HI = new long[MAX_Q - MIN_Q + 1];
    private static final long[] POW5_LO = new long[MAX_Q - MIN_Q + 1];
    private static final double[] POW10 = new double[23];
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < POW10.length; i++) POW10[i] = Double.parseDouble("1e" + i);
        for (int q = MIN_Q; q <= MAX_Q; q++) {
            BigInteger c = truncatedPowerOfFive(q);
            POW5_HI[q - MIN_Q] = c.shiftRight(64).longValue();
            POW5_LO[q - MIN_Q] = c.longValue();
        }
    }

    private NumberParser() {}

    /**
     * Parses {@code b[from, to)}.
     *
     * @throws NumberFormatException when the text is not a number of the documented formats
     */
    public static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long w = 0;
        int digits = 0;
        int q = 0;
        boolean anyDigit = false;
        boolean tooMany = false;
        int c;
        while (i < to && (c = b[i] - '0') >= 0 && c <= 9) {
            anyDigit = true;
            if (w != 0 || c != 0) {
                if (digits < 19) {
                    w = w * 10 + c;
                    digits++;
                } else {
                    tooMany = true;
                }
            }
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            // eight digits at a time while they fit in the 19-digit budget (leading zeros are not significant)
            while (digits <= 11 && i + 8 <= to) {
                long chunk = (long) LONG_LE.get(b, i);
                if (!isEightDigits(chunk)) break;
                long v = eightDigits(chunk);
                digits += w != 0 ? 8 : significantDigits(v);
                w = w * 100_000_000L + v;
                q -= 8;
                i += 8;
                anyDigit = true;
            }
            while (i < to && (c = b[i] - '0') >= 0 && c <= 9) {
                anyDigit = true;
                if (w != 0 || c != 0) {
                    if (digits < 19) {
                        w = w * 10 + c;
                        digits++;
                        q--;
                    } else {
                        tooMany = true;
                    }
                } else {
                    q--;
                }
                i++;
            }
        }
        if (i < to && anyDigit && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            int expStart = i;
            int e = 0;
            while (i < to && (c = b[i] - '0') >= 0 && c <= 9) {
                if (e < 100_000) e = e * 10 + c;
                i++;
            }
            if (i == expStart) return fallback(b, from, to);
            q += expNegative ? -e : e;
        }
        if (i != to || !anyDigit || tooMany) return fallback(b, from, to);
        if (w == 0) return negative ? -0.0 : 0.0;
        double v = fastPath(w, q);
        if (Double.isNaN(v)) return fallback(b, from, to);
        return negative ? -v : v;
    }

    /** Decimal digits of 0 <= v < 10^8 without its leading zeros (0 for v = 0). */
    static int significantDigits(long v) {
        if (v >= 10_000) {
            return v >= 1_000_000 ? (v >= 10_000_000 ? 8 : 7) : (v >= 100_000 ? 6 : 5);
        }
        return v >= 100 ? (v >= 1_000 ? 4 : 3) : (v >= 10 ? 2 : v > 0 ? 1 : 0);
    }

    /** True when all eight bytes (little-endian in v) are ASCII digits. */
    static boolean isEightDigits(long v) {
        return ((v & 0xF0F0F0F0F0F0F0F0L) | (((v + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4)) == 0x3333333333333333L;
    }

    /** The value of eight ASCII digits, the first in the lowest byte of v. */
    static long eightDigits(long v) {
        v -= 0x3030303030303030L;
        v = v * 10 + (v >>> 8);
        v = ((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32))
                + ((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))) >>> 32;
        return v;
    }

    /** Parses a string the same way (tests and header-free uses). */
    public static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return parse(b, 0, b.length);
    }

    /** The high 64 bits of the table's 5^q (tests check that every one has its top bit set). */
    static long powerOfFiveHigh(int q) {
        return POW5_HI[q - MIN_Q];
    }

    /** w * 10^q correctly rounded for w != 0, or NaN when the fast paths cannot decide. */
    static double fastPath(long w, int q) {
        if (q >= -22 && q <= 22 && w >= 0 && w <= (1L << 53)) {
            // Clinger: both operands exact, one correctly rounded operation
            return q >= 0 ? w * POW10[q] : w / POW10[-q];
        }
        return eiselLemire(w, q);
    }

    /**
     * The Eisel-Lemire algorithm: multiplies the normalised mantissa by a 128-bit truncation of
     * 5^q and rounds; returns NaN (caller falls back) whenever the truncation could matter.
     */
    static double eiselLemire(long w, int q) {
        if (q < MIN_Q || q > MAX_Q) return Double.NaN;
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int idx = q - MIN_Q;
        long p5 = POW5_HI[idx];
        long lo = w * p5;
        long hi = normalizedMultiplyHigh(w, p5);
        if ((hi & 0x1FF) == 0x1FF && Long.compareUnsigned(lo + w, lo) < 0) {
            long secondHigh = unsignedMultiplyHigh(w, POW5_LO[idx]);
            lo += secondHigh;
            if (Long.compareUnsigned(secondHigh, lo) > 0) hi++;
        }
        int upperBit = (int) (hi >>> 63);
        long mantissa = hi >>> (upperBit + 9);
        lz += 1 ^ upperBit;
        long exponent = (((152170L + 65536L) * q) >> 16) + 1024 + 63 - lz;
        if (exponent <= 0) return Double.NaN; // subnormal: leave to the JDK
        if (lo == 0 && (hi & 0x1FF) == 0 && (mantissa & 3) == 1) return Double.NaN; // possible tie
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (1L << 53)) {
            mantissa = 1L << 52;
            exponent++;
        }
        mantissa &= ~(1L << 52);
        if (exponent > 2046) return Double.NaN; // overflow: the JDK gives Infinity
        return Double.longBitsToDouble(mantissa | (exponent << 52));
    }

    /** The high half of the unsigned product of a and b whose top bits are both set (the signed one, corrected). */
    private static long normalizedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + a + b;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static double fallback(byte[] b, int from, int to) {
        return DecimalSyntax.parse(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** 5^q scaled by a power of two to exactly 128 bits: truncated for q >= 0, rounded up for q < 0. */
    private static BigInteger truncatedPowerOfFive(int q) {
        if (q >= 0) {
            BigInteger p = BigInteger.valueOf(5).pow(q);
            int shift = 128 - p.bitLength();
            return shift >= 0 ? p.shiftLeft(shift) : p.shiftRight(-shift);
        }
        BigInteger p = BigInteger.valueOf(5).pow(-q);
        int z = p.bitLength();
        int bits = q >= -27 ? z + 127 : 2 * z + 128;
        BigInteger c = BigInteger.ONE.shiftLeft(bits).divide(p).add(BigInteger.ONE);
        int excess = c.bitLength() - 128;
        return excess > 0 ? c.shiftRight(excess) : c;
    }
}
