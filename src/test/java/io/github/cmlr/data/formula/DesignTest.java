package io.github.cmlr.data.formula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Formulas against R: the expected names are what R 4 (LC_COLLATE=C) printed for
 * colnames(model.matrix(f, d)) with g in {A, B, a, b}, h in {u, v}, k in {1, 2, 3, 10}.
 */
class DesignTest {
    private static final Map<String, List<String>> LEVELS = Map.of("g", List.of("A", "B", "a", "b"), "h", List.of("u", "v"),
            "factor(k)", List.of("1", "2", "3", "10"));
    private static final Set<String> TEXT = Set.of("g", "h");

    private static List<String> names(String formula) {
        return new Design(Formula.parse(formula), TEXT, LEVELS).names();
    }

    @Test
    void numericExpressionsAreNamedAsRDeparsesThem() {
        assertEquals(List.of("(Intercept)", "I(x/2)", "I(x^2)", "I(x * 2)", "I(x + 1)", "log(x)", "I(-x)", "I(2^x)", "I((x + 1) * 2)",
                "gB", "ga", "gb", "z", "sqrt(x):gA", "sqrt(x):gB", "sqrt(x):ga", "sqrt(x):gb", "gB:z", "ga:z", "gb:z"),
                names("y ~ I(x/2) + I(x^2) + I(x*2) + I(x+1) + log(x) + I(-x) + I(2^x) + I((x+1)*2) + sqrt(x):g + g*z"));
    }

    @Test
    void contrastsAndIndicatorsFollowRsRule() {
        assertEquals(List.of("gA", "gB", "ga", "gb", "factor(k)2", "factor(k)3", "factor(k)10"), names("y ~ 0 + g + factor(k)"));
        assertEquals(List.of("(Intercept)", "gA:x", "gB:x", "ga:x", "gb:x"), names("y ~ g:x"));
        assertEquals(List.of("x", "gA", "gB", "ga", "gb", "x:gB", "x:ga", "x:gb"), names("y ~ x*g - 1"));
        assertEquals(List.of("(Intercept)", "gB", "ga", "gb", "hv", "gB:hv", "ga:hv", "gb:hv"), names("y ~ g*h"));
        assertEquals(List.of("(Intercept)", "x", "hu:gA", "hv:gA", "hu:gB", "hv:gB", "hu:ga", "hv:ga", "hu:gb", "hv:gb"),
                names("y ~ h:g + x"));
        assertEquals(List.of("(Intercept)", "x:hu", "x:hv", "z:hu", "z:hv"), names("y ~ (x + z):h"));
    }

    @Test
    void termsAreOrderedByDegreeThenAsWritten() {
        Formula f = Formula.parse("y ~ b:a + a + x:a + c - c + c");
        assertEquals(List.of("a", "c", "b:a", "a:x"), f.terms().stream().map(Term::label).toList());
        assertTrue(f.intercept());
        assertFalse(Formula.parse("y ~ x - 1").intercept());
        assertFalse(Formula.parse("y ~ 0 + x").intercept());
        assertTrue(Formula.parse("y ~ 0 + x + 1").intercept());
        assertEquals("g", Formula.parse("log(y) ~ x | g").group());
        assertEquals("log(y)", Formula.parse("log(y) ~ x | g").response().deparse());
    }

    @Test
    void designRowMatchesModelMatrix() {
        // R: model.matrix(y ~ g*h + factor(k), d)[2, ] for g = "a", h = "v", k = 1
        Design d = new Design(Formula.parse("y ~ g*h + factor(k)"), TEXT, LEVELS);
        List<String> slots = d.slots();
        double[] cells = new double[slots.size()];
        cells[slots.indexOf("y")] = 0.5;
        cells[slots.indexOf("g")] = d.level(slots.indexOf("g"), "a");
        cells[slots.indexOf("h")] = d.level(slots.indexOf("h"), "v");
        cells[slots.indexOf("k")] = 1;
        double[] x = new double[d.dim()];
        d.row(cells, x);
        assertEquals(List.of("(Intercept)", "gB", "ga", "gb", "hv", "factor(k)2", "factor(k)3", "factor(k)10", "gB:hv", "ga:hv", "gb:hv"),
                d.names());
        assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0}, x);
        assertEquals(0.5, d.response(cells));
        cells[slots.indexOf("k")] = 7;
        FormulaException e = assertThrows(FormulaException.class, () -> d.row(cells, x));
        assertTrue(e.getMessage().contains("factor(k)") && e.getMessage().contains("[1, 2, 3, 10]"), e.getMessage());
        assertEquals(-1, d.level(slots.indexOf("g"), "pink"));
    }

    @Test
    void numericTermsEvaluate() {
        Design d = new Design(Formula.parse("log(y) ~ I(x^2) + sqrt(x):z + exp(-z) - 1"), Set.of(), Map.of());
        List<String> slots = d.slots();
        double[] cells = new double[slots.size()];
        cells[slots.indexOf("y")] = Math.E;
        cells[slots.indexOf("x")] = 4;
        cells[slots.indexOf("z")] = 0.5;
        double[] x = new double[d.dim()];
        d.row(cells, x);
        assertEquals(List.of("I(x^2)", "exp(-z)", "sqrt(x):z"), d.names());
        assertArrayEquals(new double[] {16, Math.exp(-0.5), 1.0}, x, 1e-15);
        assertEquals(1.0, d.response(cells), 1e-15);
    }

    @Test
    void textColumnsCannotBeNumbers() {
        FormulaException e = assertThrows(FormulaException.class, () -> names("y ~ I(g^2)"));
        assertTrue(e.getMessage().contains("column 'g' is not numeric"), e.getMessage());
        assertThrows(FormulaException.class, () -> new Design(Formula.parse("y ~ g"), TEXT, Map.of("g", List.of("only"))));
    }

    @Test
    void syntaxErrorsNameTheCharacter() {
        assertMessage("y ~ x +", "a term is missing at character 8");
        assertMessage("y ~ poly(x)", "unknown function poly()");
        assertMessage("y ~ 2 + x", "must be 0 or 1");
        assertMessage("y ~ (x + z", "expected ')'");
        assertMessage("~ x", "the response is missing");
        assertMessage("y ~ x | ", "grouping column");
        assertMessage("y ~ x $ z", "unexpected character '$' at character 7");
    }

    private static void assertMessage(String formula, String fragment) {
        FormulaException e = assertThrows(FormulaException.class, () -> Formula.parse(formula));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void backquotedNamesKeepTheirQuotes() {
        Design d = new Design(Formula.parse("y ~ `my x` + I(`my x`^2)"), Set.of(), Map.of());
        assertEquals(List.of("(Intercept)", "`my x`", "I(`my x`^2)"), d.names());
    }
}
