package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.predict.FittedModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fitted-line plots draw against a column whose coefficient varies by component before a shared one. */
class FitPlotsOrderTest {
    private static final List<String> NAMES = List.of("sexM", "(Intercept)", "standLRT");
    private static final MixtureParams PARAMS = new MixtureParams(3,
            new double[] {0.5, 1, 2, 0.5, -1, 3}, new double[] {1, 2}, new double[] {0.4, 0.6});

    @Test
    void sharedColumnsComeAfterVaryingOnesAndTheInterceptIsNeverDrawn() {
        FittedModel fixed = new FittedModel("school", "normexam", NAMES, false, PARAMS,
                "normexam ~ standLRT | school", Map.of(), "~ sex");
        assertEquals(List.of(2, 0), FitPlots.plotOrder(fixed, NAMES));
    }

    @Test
    void withoutSharedTermsEqualCoefficientsKeepDesignOrder() {
        FittedModel plain = new FittedModel("school", "normexam", NAMES, false, PARAMS,
                "normexam ~ sex + standLRT | school", Map.of(), null);
        assertEquals(List.of(0, 2), FitPlots.plotOrder(plain, NAMES));
    }
}
