package io.github.cmlr.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Where the fields of a chunk end: the positions of every comma, line feed and double quote, in
 * order. Each 64-byte block becomes a 64-bit mask (eight little-endian longs, each byte tested
 * exactly without borrows between bytes, the eight high bits gathered by one multiply), and the
 * set bits are listed eight at a time without a branch per field.
 */
final class FieldEnds {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long COMMAS = ',' * ONES;
    private static final long LINE_FEEDS = '\n' * ONES;
    private static final long QUOTES = '"' * ONES;
    /** Multiplies bytes 0..7's low bits (0 or 1) into bits 56..63, in order. */
    private static final long GATHER = 0x0102040810204080L;

    private FieldEnds() {}

    /**
     * The positions in {@code b[0, length)} of every comma, line feed and double quote, in order,
     * then {@code length} (the last field's end when the data does not end with a line feed),
     * then {@code length} again up to the array's end. {@code b} must hold at least 64 zero bytes
     * past {@code length}; it is not modified.
     */
    static int[] of(byte[] b, int length) {
        int[] at = new int[length / 8 + 80];
        int n = 0;
        for (int base = 0; base < length; base += 64) {
            long bits = block(b, base);
            if (n + 72 > at.length) at = Arrays.copyOf(at, at.length + (at.length >> 1) + 72);
            int count = Long.bitCount(bits);
            for (int t = 0; t < 8; t++) { // positions past the count are overwritten next
                at[n + t] = base + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
            for (int t = n + 8; bits != 0; t++) {
                at[t] = base + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
            n += count;
        }
        Arrays.fill(at, n, at.length, length);
        return at;
    }

    /** Bit i set when byte base + i is a comma, line feed or double quote. */
    static long block(byte[] b, int base) {
        long bits = 0;
        for (int j = 0; j < 8; j++) {
            long v = (long) LONG_LE.get(b, base + 8 * j);
            long hit = zeroBytes(v ^ COMMAS) | zeroBytes(v ^ LINE_FEEDS) | zeroBytes(v ^ QUOTES);
            bits |= ((hit >>> 7) * GATHER >>> 56) << (8 * j);
        }
        return bits;
    }

    /** The high bit of each byte of v that is zero, exactly (no borrow between bytes). */
    static long zeroBytes(long v) {
        return ~(((v & LOW7) + LOW7) | v | LOW7);
    }
}
