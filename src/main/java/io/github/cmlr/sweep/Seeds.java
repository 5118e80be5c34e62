package io.github.cmlr.sweep;

import java.nio.charset.StandardCharsets;

/**
 * Seeds derived from the sweep seed and a run's coordinates: a pure function, so a single run can
 * be re-run alone, on any backend and in any shard, and get the same numbers.
 */
public final class Seeds {
    private Seeds() {}

    /** A well-mixed non-negative seed from a parent seed and a key (FNV-1a, then SplitMix64's finaliser). */
    public static long derive(long parent, String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h ^ mix(parent)) & Long.MAX_VALUE;
    }

    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
