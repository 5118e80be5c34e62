package io.github.cmlr.data.formula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Formulas with shared terms against flexmix: the expected names are what flexmix 2.3.18 (R 4,
 * LC_COLLATE=C) gave as c(colnames(fixed), colnames(random)) of flexmix:::modelMatrix(formula,
 * fixed, ...), with g in {A, B, a, b}, h in {u, v}, k in {1, 2, 3, 10}: the shared columns are the
 * joint model matrix's columns that the formula's own lacks, listed first.
 */
class SharedTermsTest {
    private static final Map<String, List<String>> LEVELS = Map.of("g", List.of("A", "B", "a", "b"), "h", List.of("u", "v"),
            "factor(k)", List.of("1", "2", "3", "10"));
    private static final Set<String> TEXT = Set.of("g", "h");

    private static Design design(String formula, String fixed) {
        return new Design(Formula.parse(formula).withFixed(fixed), TEXT, LEVELS);
    }

    @Test
    void sharedColumnsAreTheJointMatrixsExtraColumnsFirst() {
        assertEquals(List.of("gB", "ga", "gb", "(Intercept)", "x"), design("y ~ x", "~ g").names());
        assertEquals(List.of("(Intercept)", "hv", "x"), design("y ~ 0 + x", "~ 1 + h").names());
        assertEquals(List.of("x", "(Intercept)", "x:gA", "x:gB", "x:ga", "x:gb"), design("y ~ x:g", "~ x").names());
        assertEquals(List.of("hv", "gA", "gB", "ga", "gb"), design("y ~ 0 + g", "~ h").names());
        assertEquals(List.of("factor(k)2", "factor(k)3", "factor(k)10", "z:hu", "z:hv", "(Intercept)", "x"),
                design("y ~ x", "~ factor(k) + z:h").names());
        assertEquals(List.of("z", "hv", "(Intercept)", "x", "gB", "ga", "gb", "x:gB", "x:ga", "x:gb"),
                design("y ~ x*g", "~ z + h").names());
        assertEquals(3, design("y ~ x", "~ g").sharedColumns());
        assertEquals(0, new Design(Formula.parse("y ~ x + g"), TEXT, LEVELS).sharedColumns());
    }

    @Test
    void rowsHoldTheSharedColumnsThenTheVaryingOnes() {
        Design d = design("y ~ x:g", "~ x");
        List<String> slots = d.slots();
        double[] cells = new double[slots.size()];
        cells[slots.indexOf("x")] = 0.75;
        cells[slots.indexOf("g")] = 2; // level "a"
        double[] row = new double[d.dim()];
        d.row(cells, row);
        assertArrayEquals(new double[] {0.75, 1, 0, 0, 0.75, 0}, row, 0.0);
        Formula f = Formula.parse("y ~ x:g | node").withFixed("~ x");
        assertEquals("node", f.group());
        assertEquals("y ~ x:g | node", f.text());
        assertEquals("~ x", f.fixed());
        assertTrue(f.columns().containsAll(Set.of("y", "x", "g", "node")));
    }

    @Test
    void sharedTermsThatAddNothingOrContradictTheFormulaAreRefused() {
        String[][] cases = {
            {"y ~ x + g", "~ g", "term g is already in the formula 'y ~ x + g'"},
            {"y ~ x + g:x", "~ x:g", "term x:g is already in the formula"},
            {"y ~ x", "y ~ g", "write them one-sided"},
            {"y ~ x", "~ 0 + g", "cannot remove the intercept"},
            {"y ~ x", "~ 1", "the intercept varies by component in 'y ~ x'"},
            {"y ~ x", "~ ", "a term is missing"},
            {"y ~ x", "~ g |", "unexpected '|'"},
        };
        for (String[] c : cases) {
            FormulaException e = assertThrows(FormulaException.class, () -> design(c[0], c[1]), c[1]);
            assertTrue(e.getMessage().contains(c[2]), c[1] + ": " + e.getMessage());
        }
        // g:x is x:g, whichever way it is written
        FormulaException same = assertThrows(FormulaException.class, () -> design("y ~ x + g + x:g", "~ z + g:x"));
        assertTrue(same.getMessage().contains("term g:x is already in the formula"), same.getMessage());
    }
}
