package io.github.cmlr.flexmix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cmlr.api.ModelFit;

/** The checks every golden fit against a flexmix reference (its {@code flexmix} object) makes first. */
final class FlexmixParity {
    private FlexmixParity() {}

    /**
     * cmlr's log-likelihood is at least flexmix's, its free parameters are flexmix's df, and it is
     * refit()'s optimum (flexmix's EM may stop just below it).
     *
     * @return the reference's {@code refit} object, for the estimate and standard-error checks
     */
    static JsonNode reachesFlexmixAndRefit(String name, JsonNode flexmix, ModelFit fit) {
        double flexLl = flexmix.get("logLik").asDouble();
        assertTrue(fit.logLik() >= flexLl - 1e-7 * Math.abs(flexLl), name + ": cmlr " + fit.logLik() + " < flexmix " + flexLl);
        assertEquals(flexmix.get("df").asInt(), fit.parameters(), name + ": free parameters = flexmix's df");
        JsonNode refit = flexmix.get("refit");
        double refitLl = refit.get("logLik").asDouble();
        assertEquals(refitLl, fit.logLik(), 1e-7 * Math.abs(refitLl), name + ": the same optimum as refit()");
        return refit;
    }
}
