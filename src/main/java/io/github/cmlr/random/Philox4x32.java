package io.github.cmlr.random;

/**
 * Philox4x32-10 counter-based generator (Salmon et al., SC'11), the bijection cuRAND's
 * PHILOX4_32_10 generator uses. Stateless: one call maps a 128-bit counter and a 64-bit key to
 * 128 random bits. Words are unsigned 32-bit values held in Java ints.
 */
public final class Philox4x32 {
    static final long M0 = 0xD2511F53L;
    static final long M1 = 0xCD9E8D57L;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    public static final int ROUNDS = 10;

    private Philox4x32() {}

    /**
     * Encrypts {@code ctr} (4 words) under {@code key0, key1}; writes 4 words to {@code out}
     * at {@code outOff}. {@code ctr} is not modified.
     */
    public static void block(int[] ctr, int key0, int key1, int[] out, int outOff) {
        block(ctr[0], ctr[1], ctr[2], ctr[3], key0, key1, out, outOff);
    }

    /** As {@link #block(int[], int, int, int[], int)} with the counter given word by word. */
    public static void block(int c0, int c1, int c2, int c3, int key0, int key1, int[] out, int outOff) {
        int k0 = key0;
        int k1 = key1;
        for (int r = 0; r < ROUNDS; r++) {
            long p0 = M0 * (c0 & 0xFFFFFFFFL);
            long p1 = M1 * (c2 & 0xFFFFFFFFL);
            int hi0 = (int) (p0 >>> 32);
            int lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32);
            int lo1 = (int) p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        out[outOff] = c0;
        out[outOff + 1] = c1;
        out[outOff + 2] = c2;
        out[outOff + 3] = c3;
    }
}
