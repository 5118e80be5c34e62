package io.github.cmlr.util;

import java.util.Locale;

/**
 * Checks, before allocating, that a request fits in the Java heap, so that a request too large
 * for this JVM is refused with its estimate and the way to raise the limit instead of failing
 * half-way with an OutOfMemoryError.
 */
public final class MemoryBudget {
    /** How to raise the heap limit, for messages. */
    public static final String HOW_TO_RAISE = "raise the heap limit with -Xmx (java -Xmx24g -jar cmlr.jar ..., "
            + "or CMLR_JAVA_OPTS=-Xmx24g for the bundle's bin/cmlr)";

    private MemoryBudget() {}

    /**
     * Refuses with {@link ExitCode#RESOURCES} when {@code bytes} exceed what the heap can still
     * grow to hold.
     *
     * @param what names the request and the option or file that sized it, e.g. "--m 10 --n 5 --d 3"
     */
    public static void require(long bytes, String what) {
        long available = available();
        if (bytes > available) {
            // garbage counts as in use until a collection: refuse only what a collected heap cannot hold
            System.gc();
            available = available();
        }
        if (bytes > available) {
            throw new CmlrException(ExitCode.RESOURCES, what + " needs about " + bytes(bytes)
                    + " of memory, more than the " + bytes(available) + " this Java heap can still provide (limit "
                    + bytes(Runtime.getRuntime().maxMemory()) + "); " + HOW_TO_RAISE + ", or make the request smaller");
        }
    }

    /** Bytes the heap may still allocate: its limit minus what is in use now. */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** a * b * ..., saturating at Long.MAX_VALUE (every factor >= 0): an estimate never wraps around. */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) throw new IllegalArgumentException("negative size " + f);
            if (f != 0 && p > Long.MAX_VALUE / f) return Long.MAX_VALUE;
            p *= f;
        }
        return p;
    }

    /** a + b + ..., saturating at Long.MAX_VALUE (every term >= 0). */
    public static long sum(long... terms) {
        long s = 0;
        for (long t : terms) s = s > Long.MAX_VALUE - t ? Long.MAX_VALUE : s + t;
        return s;
    }

    /** "1.5 GB", "820 MB", "12 kB": decimal units as in the rest of cmlr's messages. */
    public static String bytes(long b) {
        if (b >= 1e18) return String.format(Locale.ROOT, "%.3g EB", b / 1e18);
        if (b >= 1e9) return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
        if (b >= 1e6) return String.format(Locale.ROOT, "%.0f MB", b / 1e6);
        return String.format(Locale.ROOT, "%.0f kB", Math.max(1, b / 1e3));
    }
}
