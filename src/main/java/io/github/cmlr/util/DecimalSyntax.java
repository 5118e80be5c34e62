package io.github.cmlr.util;

/**
 * The number formats cmlr accepts, in CSV cells, option values and sweep files alike (README,
 * "Data format"): an optional sign, then digits with an optional decimal point ({@code 12},
 * {@code 1.5}, {@code .5}, {@code 3.}), then an optional exponent ({@code 1e-3}, {@code 2.5E+4});
 * spaces and tabs around the number are ignored. {@code NaN}, {@code Infinity} and
 * {@code -Infinity} are recognised as words so that the caller can refuse them by name. Java's
 * other forms (hex floats such as {@code 0x1p3}, type suffixes such as {@code 1.5d} or
 * {@code 2f}) are not numbers here.
 */
public final class DecimalSyntax {
    private DecimalSyntax() {}

    public static boolean matches(CharSequence s) {
        int from = 0;
        int to = s.length();
        while (from < to && blank(s.charAt(from))) from++;
        while (to > from && blank(s.charAt(to - 1))) to--;
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        if (regionIs(s, i, to, "NaN") || regionIs(s, i, to, "Infinity")) return true;
        int digits = 0;
        while (i < to && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) return false;
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = i;
            while (i < to && isDigit(s.charAt(i))) i++;
            if (i == exp) return false;
        }
        return i == to;
    }

    /**
     * Parses a number in the documented format.
     *
     * @throws NumberFormatException naming the accepted formats otherwise
     */
    public static double parse(String s) {
        if (!matches(s)) {
            throw new NumberFormatException("'" + s + "' is not a number (plain or exponent notation, e.g. 0.5, -3, 1e-6)");
        }
        return Double.parseDouble(s.trim());
    }

    private static boolean regionIs(CharSequence s, int from, int to, String word) {
        return to - from == word.length() && word.contentEquals(s.subSequence(from, to));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }
}
