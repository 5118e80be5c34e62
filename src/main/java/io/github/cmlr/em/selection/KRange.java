package io.github.cmlr.em.selection;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;

/**
 * A range of component counts, parsed from the command line: {@code 3} or {@code 1..6}.
 */
public record KRange(int min, int max) {

    public KRange {
        if (min < 1 || max < min) throw new IllegalArgumentException("K range must satisfy 1 <= min <= max, got " + min + ".." + max);
    }

    public boolean single() {
        return min == max;
    }

    /** @throws CmlrException (usage) naming {@code option} when the text is not N or A..B with 1 <= A <= B */
    public static KRange parse(String text, String option) {
        String t = text.trim();
        int dots = t.indexOf("..");
        try {
            int a = Integer.parseInt(dots < 0 ? t : t.substring(0, dots).trim());
            int b = dots < 0 ? a : Integer.parseInt(t.substring(dots + 2).trim());
            if (a >= 1 && b >= a) return new KRange(a, b);
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new CmlrException(ExitCode.USAGE, option + " must be K or KMIN..KMAX with 1 <= KMIN <= KMAX, got '" + text + "'");
    }

    @Override
    public String toString() {
        return single() ? Integer.toString(min) : min + ".." + max;
    }
}
