package io.github.cmlr.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Where the fields of a chunk may end: the positions, in order, of every byte below {@code '-'}
 * (0x2D): the comma, line feed and double quote, and also CR, tab, space and {@code !"#$%&'()*+},
 * which the scanner steps over inside a field. One class test (4 operations per eight bytes, exact
 * per byte, no carry between bytes) instead of one per separator. Each 64-byte block becomes a
 * 64-bit mask (eight little-endian longs, their high bits gathered by one multiply each), and the
 * set bits are listed four at a time without a branch per field.
 */
final class FieldEnds {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    /** Added to a byte's low seven bits, sets its high bit when the byte is '-' (0x2D) or above. */
    private static final long TO_DASH = (0x80 - '-') * ONES;
    /** Multiplies bytes 0..7's low bits (0 or 1) into bits 56..63, in order. */
    private static final long GATHER = 0x0102040810204080L;

    private FieldEnds() {}

    /**
     * The positions in {@code b[0, length)} of every byte below '-', in order, then
     * {@code length} (the last field's end when the data does not end with a line feed) up to
     * the array's end. {@code b} must hold at least 64 zero bytes past {@code length}; it is not
     * modified. Written into {@code reuse} when it is long enough, else into a new array; returns
     * the array written.
     */
    static int[] of(byte[] b, int length, int[] reuse) {
        int want = length / 8 + 80;
        int[] at = reuse != null && reuse.length >= want ? reuse : new int[want];
        int n = 0;
        for (int base = 0; base < length; base += 64) {
            long bits = block(b, base);
            if (length - base < 64) bits &= -1L >>> (64 - (length - base)); // not the padding past the data
            if (n + 72 > at.length) at = Arrays.copyOf(at, at.length + (at.length >> 1) + 72);
            int count = Long.bitCount(bits);
            // four positions whatever the count (those past it are overwritten next), then the rest
            at[n] = base + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            at[n + 1] = base + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            at[n + 2] = base + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            at[n + 3] = base + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            for (int t = n + 4; bits != 0; t++) {
                at[t] = base + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
            n += count;
        }
        Arrays.fill(at, n, at.length, length);
        return at;
    }

    /** Bit i set when byte base + i is below '-'. */
    static long block(byte[] b, int base) {
        long bits = 0;
        for (int j = 0; j < 8; j++) {
            long v = (long) LONG_LE.get(b, base + 8 * j);
            long below = ~(((v & LOW7) + TO_DASH) | v) & ~LOW7;
            bits |= ((below >>> 7) * GATHER >>> 56) << (8 * j);
        }
        return bits;
    }
}
