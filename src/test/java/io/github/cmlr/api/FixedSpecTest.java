package io.github.cmlr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.api.InvalidModelException.Reason;
import io.github.cmlr.backend.Backend;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** ModelSpec.fixed: each invalid use is refused with its typed reason; without it nothing changes. */
class FixedSpecTest {

    private static InvalidModelException refused(Reason expected, Supplier<?> action) {
        InvalidModelException e = assertThrows(InvalidModelException.class, action::get);
        assertEquals(expected, e.reason(), e.getMessage());
        return e;
    }

    @Test
    void sharedTermsNeedAMixtureAndAOneSidedFormula() {
        assertNull(ModelSpec.mixture(2).fixed());
        assertEquals("~ x3", ModelSpec.builder().fixed("~ x3").build().fixed());
        refused(Reason.FIXED_NEEDS_MIXTURE, () -> ModelSpec.builder().model(ModelSpec.Model.SYMMETRIC).sigma(1.0).fixed("~ x").build());
        InvalidModelException syntax = refused(Reason.FIXED_SYNTAX, () -> ModelSpec.builder().fixed("~ x +").build());
        assertTrue(syntax.getMessage().startsWith("fixed: formula '~ x +': a term is missing"), syntax.getMessage());
        refused(Reason.FIXED_SYNTAX, () -> ModelSpec.builder().fixed("y ~ x").build());
        refused(Reason.FIXED_SYNTAX, () -> ModelSpec.builder().fixed("").build());
    }

    @Test
    void dataWithoutAFormulaHaveNoTermsToShare() {
        DataSource rows = DataSource.rows(new String[] {"a", "a", "b", "b"}, new double[][] {{1}, {2}, {3}, {4}},
                new double[] {1, 2, 3, 5}, List.of("x"));
        try (Backend cpu = Backends.open("cpu", 1)) {
            InvalidModelException e = refused(Reason.FIXED_NEEDS_FORMULA,
                    () -> Cmlr.fit(rows, ModelSpec.builder().k(1).fixed("~ x").build(), cpu));
            assertTrue(e.getMessage().startsWith("fixed needs data read with a formula"), e.getMessage());
        }
    }
}
