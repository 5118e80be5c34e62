package io.github.cmlr.data.formula;

import io.github.cmlr.data.formula.Lexer.Kind;
import io.github.cmlr.data.formula.Lexer.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Recursive descent over R's formula grammar (the subset {@link Formula} documents). */
final class FormulaParser {
    private static final Set<String> NUMERIC_CALLS = Set.of("I", "log", "exp", "sqrt");

    private final String text;
    private final List<Token> tokens;
    private int at;
    /** Variables by deparsed text, in order of first appearance (their index orders a term's variables). */
    private final Map<String, Expr> variables = new LinkedHashMap<>();

    FormulaParser(String text) {
        this.text = text;
        this.tokens = Lexer.tokens(text);
    }

    /** The right-hand side so far: terms as sorted variable indices, and the intercept literal seen (or -1). */
    private static final class Rhs {
        final Set<List<Integer>> terms = new LinkedHashSet<>();
        int literal = -1;
    }

    Formula parse() {
        if (peek().is("~")) throw error(peek(), "the response is missing (cmlr fits y ~ terms)");
        Expr response = arith();
        expect("~");
        Rhs rhs = new Rhs();
        rhs.literal = 1;
        Rhs parsed = sum();
        boolean intercept = parsed.literal != 0;
        rhs.terms.addAll(parsed.terms);
        String group = null;
        if (peek().is("|")) {
            next();
            Token g = next();
            if (g.kind() != Kind.NAME) throw error(g, "'|' must be followed by the grouping column");
            group = g.text();
        }
        if (peek().kind() != Kind.END) throw error(peek(), "unexpected '" + peek().text() + "'");
        return new Formula(text, response, orderedTerms(rhs.terms), intercept, group);
    }

    /** The right-hand side of a one-sided formula {@code ~ terms}: its terms and intercept literal (-1 when none). */
    record OneSided(List<Term> terms, int literal) {}

    OneSided parseOneSided() {
        expect("~");
        Rhs rhs = sum();
        if (peek().kind() != Kind.END) throw error(peek(), "unexpected '" + peek().text() + "'");
        return new OneSided(orderedTerms(rhs.terms), rhs.literal);
    }

    /** Character positions of the '~' and of the '|' (-1 when ungrouped) of a formula that parses. */
    static int[] split(String text) {
        int tilde = -1;
        int bar = -1;
        for (Token t : Lexer.tokens(text)) {
            if (t.is("~") && tilde < 0) tilde = t.position();
            if (t.is("|")) bar = t.position();
        }
        return new int[] {tilde, bar};
    }

    private List<Term> orderedTerms(Set<List<Integer>> keys) {
        List<Expr> vars = new ArrayList<>(variables.values());
        List<List<Integer>> sorted = new ArrayList<>();
        for (List<Integer> k : keys) if (!k.isEmpty()) sorted.add(k);
        sorted.sort(Comparator.comparingInt(List::size)); // stable: keeps the written order within an order
        List<Term> out = new ArrayList<>();
        for (List<Integer> k : sorted) {
            List<Expr> v = new ArrayList<>();
            for (int i : k) v.add(vars.get(i));
            out.add(new Term(v));
        }
        return out;
    }

    /** terms joined by + and -; the literal 0/1 tracks the intercept. */
    private Rhs sum() {
        Rhs acc = new Rhs();
        boolean minus = false;
        if (peek().is("-")) {
            next();
            minus = true;
        }
        while (true) {
            Rhs t = product();
            if (minus) {
                acc.terms.removeAll(t.terms);
                if (t.literal == 1) acc.literal = 0;
                if (t.literal == 0) acc.literal = 1;
            } else {
                acc.terms.addAll(t.terms);
                if (t.literal >= 0) acc.literal = t.literal;
            }
            if (peek().is("+")) minus = false;
            else if (peek().is("-")) minus = true;
            else return acc;
            next();
        }
    }

    private Rhs product() {
        Rhs acc = colon();
        while (peek().is("*")) {
            Token op = next();
            Rhs b = colon();
            noLiteral(acc, op);
            noLiteral(b, op);
            Rhs r = new Rhs();
            r.terms.addAll(acc.terms);
            r.terms.addAll(b.terms);
            r.terms.addAll(interact(acc, b));
            acc = r;
        }
        return acc;
    }

    private Rhs colon() {
        Rhs acc = atom();
        while (peek().is(":")) {
            Token op = next();
            Rhs b = atom();
            noLiteral(acc, op);
            noLiteral(b, op);
            Rhs r = new Rhs();
            r.terms.addAll(interact(acc, b));
            acc = r;
        }
        return acc;
    }

    private void noLiteral(Rhs r, Token op) {
        if (r.literal >= 0) throw error(op, "'" + op.text() + "' cannot combine the intercept literals 0 and 1");
    }

    private static Set<List<Integer>> interact(Rhs a, Rhs b) {
        Set<List<Integer>> out = new LinkedHashSet<>();
        for (List<Integer> x : a.terms) {
            for (List<Integer> y : b.terms) {
                TreeSet<Integer> u = new TreeSet<>(x);
                u.addAll(y);
                out.add(List.copyOf(u));
            }
        }
        return out;
    }

    private Rhs atom() {
        Token t = peek();
        Rhs r = new Rhs();
        if (t.is("(")) {
            next();
            Rhs inner = sum();
            expect(")");
            return inner;
        }
        if (t.kind() == Kind.NUMBER) {
            next();
            if (!t.text().equals("0") && !t.text().equals("1")) {
                throw error(t, "a number in a formula term must be 0 or 1 (the intercept); use I(" + t.text() + " * x)");
            }
            r.literal = Integer.parseInt(t.text());
            return r;
        }
        Expr v = variable();
        String key = v.deparse();
        variables.putIfAbsent(key, v);
        int index = new ArrayList<>(variables.keySet()).indexOf(key);
        r.terms.add(List.of(index));
        return r;
    }

    private Expr variable() {
        Token t = next();
        if (t.kind() != Kind.NAME) throw error(t, t.kind() == Kind.END ? "a term is missing" : "unexpected '" + t.text() + "'");
        if (!peek().is("(")) return new Expr.Column(t.text());
        if (t.text().equals("factor")) {
            next();
            Token c = next();
            if (c.kind() != Kind.NAME || peek().is("(")) throw error(c, "factor() takes a column name");
            expect(")");
            return new Expr.Call("factor", new Expr.Column(c.text()));
        }
        return call(t);
    }

    private Expr call(Token name) {
        if (!NUMERIC_CALLS.contains(name.text())) {
            throw error(name, "unknown function " + name.text() + "() (cmlr knows I, log, exp, sqrt and factor)");
        }
        expect("(");
        Expr arg = arith();
        expect(")");
        return new Expr.Call(name.text(), arg);
    }

    private Expr arith() {
        Expr e = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            char op = next().text().charAt(0);
            e = new Expr.Binary(op, e, multiplicative());
        }
        return e;
    }

    private Expr multiplicative() {
        Expr e = unary();
        while (peek().is("*") || peek().is("/")) {
            char op = next().text().charAt(0);
            e = new Expr.Binary(op, e, unary());
        }
        return e;
    }

    private Expr unary() {
        if (peek().is("-")) {
            next();
            return new Expr.Negate(unary());
        }
        Expr base = primary();
        if (peek().is("^")) {
            next();
            return new Expr.Binary('^', base, unary());
        }
        return base;
    }

    private Expr primary() {
        Token t = next();
        if (t.kind() == Kind.NUMBER) {
            try {
                return new Expr.Number(Double.parseDouble(t.text()), t.text());
            } catch (NumberFormatException e) {
                throw error(t, "not a number: '" + t.text() + "'");
            }
        }
        if (t.is("(")) {
            Expr inner = arith();
            expect(")");
            return new Expr.Paren(inner);
        }
        if (t.kind() != Kind.NAME) throw error(t, t.kind() == Kind.END ? "an expression is missing" : "unexpected '" + t.text() + "'");
        if (!peek().is("(")) return new Expr.Column(t.text());
        if (t.text().equals("factor")) throw error(t, "factor() is a term of its own, not part of an expression");
        return call(t);
    }

    private Token peek() { return tokens.get(at); }

    private Token next() { return tokens.get(at == tokens.size() - 1 ? at : at++); }

    private void expect(String op) {
        Token t = next();
        if (!t.is(op)) throw error(t, "expected '" + op + "'" + (t.kind() == Kind.END ? " before the end" : ", found '" + t.text() + "'"));
    }

    private FormulaException error(Token t, String what) {
        return Lexer.error(text, t.position(), what);
    }
}
