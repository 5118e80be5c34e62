package io.github.cmlr.em.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A shared coefficient is one parameter: the bootstrap comparison counts and names it once. */
class SharedErrorComparisonTest {
    private static StandardErrors errors(ParameterLayout layout, double... beta) {
        double[] two = {0.1, 0.1};
        return new StandardErrors("analytic", layout, null, beta, two, two, two, two, List.of(), null);
    }

    @Test
    void sharedCoefficientIsCountedOnceAndNamedShared() {
        ParameterLayout layout = new ParameterLayout(2, 2, false, false, false, 1);
        // per component (shared x0, varying x1); the shared error repeats in component 2's block
        StandardErrors analytic = errors(layout, 1, 1, 1, 1);
        StandardErrors bootstrap = errors(layout, 3, 1, 3, 0.2);
        List<String> w = ErrorComparison.compare(bootstrap, analytic, List.of("x0", "x1"));
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("for 1 of 3 coefficients (most: shared x0, 3.00x"), w.get(0));
        assertTrue(w.get(1).contains("for 1 of 3 coefficients (most: component 2 x1, 0.20x"), w.get(1));
    }
}
