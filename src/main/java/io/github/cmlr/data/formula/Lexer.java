package io.github.cmlr.data.formula;

import java.util.ArrayList;
import java.util.List;

/** Splits a formula into tokens: names (R's syntax, or `quoted`), numbers and operators. */
final class Lexer {
    enum Kind { NAME, NUMBER, OP, END }

    record Token(Kind kind, String text, int position) {
        boolean is(String op) { return kind == Kind.OP && text.equals(op); }
    }

    private Lexer() {}

    /** True for a name R writes without backticks (letters, digits, '.' and '_', not starting with a digit or '_'). */
    static boolean syntactic(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0)) || name.charAt(0) == '_') return false;
        if (name.length() > 1 && name.charAt(0) == '.' && Character.isDigit(name.charAt(1))) return false;
        for (int i = 0; i < name.length(); i++) if (!nameChar(name.charAt(i))) return false;
        return true;
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_';
    }

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '`') {
                int end = s.indexOf('`', i + 1);
                if (end < 0) throw error(s, i, "a `quoted name` is not closed");
                out.add(new Token(Kind.NAME, s.substring(i + 1, end), i));
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = number(s, i);
                out.add(new Token(Kind.NUMBER, s.substring(i, j), i));
                i = j;
            } else if (nameChar(c)) {
                int j = i;
                while (j < s.length() && nameChar(s.charAt(j))) j++;
                out.add(new Token(Kind.NAME, s.substring(i, j), i));
                i = j;
            } else if ("~|+-*/^:()".indexOf(c) >= 0) {
                out.add(new Token(Kind.OP, String.valueOf(c), i));
                i++;
            } else {
                throw error(s, i, "unexpected character '" + c + "'");
            }
        }
        out.add(new Token(Kind.END, "", s.length()));
        return out;
    }

    private static int number(String s, int i) {
        int j = i;
        while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) j++;
        if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
            if (k < s.length() && Character.isDigit(s.charAt(k))) {
                j = k;
                while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
            }
        }
        return j;
    }

    static FormulaException error(String formula, int position, String what) {
        return new FormulaException("formula '" + formula + "': " + what + " at character " + (position + 1));
    }
}
