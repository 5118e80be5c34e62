package io.github.cmlr.data.formula;

import java.util.Map;
import java.util.Set;

/**
 * An arithmetic expression of a formula (a column, a number, + - * / ^, unary minus, parentheses,
 * or a call of I, log, exp, sqrt or factor). {@link #deparse()} spells it as R's deparse does,
 * which is how model.matrix names its columns: spaces around + - *, none around / and ^.
 */
public sealed interface Expr {

    /** Evaluates on one row: {@code slot} gives each column's position in {@code cells}. */
    interface Compiled {
        double eval(double[] cells);
    }

    String deparse();

    /** Adds every column the expression reads. */
    void columns(Set<String> out);

    Compiled compile(Map<String, Integer> slot);

    record Column(String name) implements Expr {
        public String deparse() { return Lexer.syntactic(name) ? name : "`" + name + "`"; }
        public void columns(Set<String> out) { out.add(name); }
        public Compiled compile(Map<String, Integer> slot) {
            int s = slot.get(name);
            return cells -> cells[s];
        }
    }

    record Number(double value, String text) implements Expr {
        public String deparse() { return text; }
        public void columns(Set<String> out) {}
        public Compiled compile(Map<String, Integer> slot) { return cells -> value; }
    }

    record Negate(Expr arg) implements Expr {
        public String deparse() { return "-" + arg.deparse(); }
        public void columns(Set<String> out) { arg.columns(out); }
        public Compiled compile(Map<String, Integer> slot) {
            Compiled a = arg.compile(slot);
            return cells -> -a.eval(cells);
        }
    }

    record Paren(Expr arg) implements Expr {
        public String deparse() { return "(" + arg.deparse() + ")"; }
        public void columns(Set<String> out) { arg.columns(out); }
        public Compiled compile(Map<String, Integer> slot) { return arg.compile(slot); }
    }

    record Binary(char op, Expr left, Expr right) implements Expr {
        public String deparse() {
            String sep = op == '/' || op == '^' ? String.valueOf(op) : " " + op + " ";
            return left.deparse() + sep + right.deparse();
        }

        public void columns(Set<String> out) {
            left.columns(out);
            right.columns(out);
        }

        public Compiled compile(Map<String, Integer> slot) {
            Compiled l = left.compile(slot);
            Compiled r = right.compile(slot);
            return switch (op) {
                case '+' -> cells -> l.eval(cells) + r.eval(cells);
                case '-' -> cells -> l.eval(cells) - r.eval(cells);
                case '*' -> cells -> l.eval(cells) * r.eval(cells);
                case '/' -> cells -> l.eval(cells) / r.eval(cells);
                case '^' -> cells -> Math.pow(l.eval(cells), r.eval(cells));
                default -> throw new IllegalStateException("operator " + op);
            };
        }
    }

    /** I(), log(), exp(), sqrt() or factor() of one argument. */
    record Call(String function, Expr arg) implements Expr {
        public String deparse() { return function + "(" + arg.deparse() + ")"; }
        public void columns(Set<String> out) { arg.columns(out); }
        public Compiled compile(Map<String, Integer> slot) {
            Compiled a = arg.compile(slot);
            return switch (function) {
                case "I" -> a;
                case "log" -> cells -> Math.log(a.eval(cells));
                case "exp" -> cells -> Math.exp(a.eval(cells));
                case "sqrt" -> cells -> Math.sqrt(a.eval(cells));
                default -> throw new IllegalStateException(function + "() is not numeric");
            };
        }
    }
}
