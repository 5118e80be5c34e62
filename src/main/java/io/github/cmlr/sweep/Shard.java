package io.github.cmlr.sweep;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;

/** A slice {@code index/count} of a sweep (0 <= index < count), as given to {@code --shard}. */
public record Shard(int index, int count) {

    public static Shard parse(String text) {
        String[] parts = text.trim().split("/");
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && i >= 0 && i < n) return new Shard(i, n);
            }
        } catch (NumberFormatException e) {
            // fall through to the usage message
        }
        throw new CmlrException(ExitCode.USAGE, "--shard must be i/N with 0 <= i < N (e.g. 0/10), got '" + text + "'");
    }
}
