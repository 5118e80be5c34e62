package io.github.cmlr.random;

/**
 * A CPU model of the stream of standard normal doubles that cuRAND's host API produces with
 * {@code CURAND_RNG_PSEUDO_PHILOX4_32_10}, {@code CURAND_ORDERING_PSEUDO_LEGACY} and
 * {@code curandGenerateNormalDouble(gen, out, count, 0.0, 1.0)} from offset 0.
 *
 * <p>Layout (as documented by NVIDIA for LEGACY Philox): 65536 virtual threads; thread t
 * behaves like {@code curand_init(seed, t, 0)}. Outputs come in groups of four doubles; group g is
 * produced by thread {@code g % 65536} on its round {@code g / 65536}; a round of doubles consumes
 * two consecutive Philox blocks (each block = one Box-Muller pair). So double index i lies in
 * block {@code 2 * (g / 65536) + (i % 4) / 2} of subsequence {@code g % 65536}, where
 * {@code g = i / 4}, and is the sine (even i) or cosine (odd i) member of that block's pair.
 *
 * <p>Random access makes generation parallel and identical for any thread count.
 */
public final class CurandNormalStream {
    public static final int THREADS = 65536;
    /**
     * No value of the stream exceeds this in magnitude: u >= 2^-54, so r = sqrt(-2 log u) <=
     * sqrt(108 log 2) = 8.652. Bounds the size of generated data before it is generated.
     */
    public static final double MAX_ABS = 8.66;
    private static final double TWO_POW_M53 = 0x1.0p-53;
    private static final double TWO_POW_M54 = 0x1.0p-54;
    private static final double TWO_POW_M52 = 0x1.0p-52;

    private final int key0;
    private final int key1;

    public CurandNormalStream(long seed) {
        this.key0 = (int) seed;
        this.key1 = (int) (seed >>> 32);
    }

    /** The i-th double of the stream. */
    public double normal(long i) {
        double[] pair = new double[2];
        int[] words = new int[4];
        pairAt(i, words, pair);
        return pair[(int) (i & 1)];
    }

    /** Fills {@code out[off .. off+len)} with stream values {@code [start, start+len)}. */
    public void fill(long start, double[] out, int off, int len) {
        int[] words = new int[4];
        double[] pair = new double[2];
        long i = start;
        int o = off;
        int end = off + len;
        if ((i & 1) == 1 && o < end) {
            pairAt(i, words, pair);
            out[o++] = pair[1];
            i++;
        }
        while (o + 1 < end) {
            pairAt(i, words, pair);
            out[o++] = pair[0];
            out[o++] = pair[1];
            i += 2;
        }
        if (o < end) {
            pairAt(i, words, pair);
            out[o] = pair[0];
        }
    }

    private void pairAt(long i, int[] words, double[] pair) {
        long group = i >>> 2;
        long thread = group % THREADS;
        long round = group / THREADS;
        long block = 2 * round + ((i & 3) >>> 1);
        Philox4x32.block((int) block, (int) (block >>> 32), (int) thread, 0, key0, key1, words, 0);
        boxMuller(words, pair);
    }

    /**
     * cuRAND's double Box-Muller from one 4-word block (x0, x1, y0, y1): 53-bit uniforms
     * u in (0, 1], v in (0, 2); returns (sinpi(v) * r, cospi(v) * r) with r = sqrt(-2 log u).
     */
    static void boxMuller(int[] w, double[] pair) {
        long zx = (w[0] & 0xFFFFFFFFL) ^ ((w[1] & 0xFFFFFFFFL) << 21);
        long zy = (w[2] & 0xFFFFFFFFL) ^ ((w[3] & 0xFFFFFFFFL) << 21);
        double u = zx * TWO_POW_M53 + TWO_POW_M54;
        double v = zy * TWO_POW_M52 + TWO_POW_M53;
        double r = Math.sqrt(-2.0 * Math.log(u));
        pair[0] = sinPi(v) * r;
        pair[1] = cosPi(v) * r;
    }

    /** sin(pi v) with exact argument reduction for v in [0, 2). */
    static double sinPi(double v) {
        if (v >= 1.0) return -sinPi(v - 1.0);
        if (v > 0.5) v = 1.0 - v;
        return Math.sin(Math.PI * v);
    }

    /** cos(pi v) for v in [0, 2). */
    static double cosPi(double v) {
        if (v >= 1.0) return -cosPi(v - 1.0);
        if (v > 0.5) return -Math.sin(Math.PI * (v - 0.5));
        return Math.sin(Math.PI * (0.5 - v));
    }
}
