package io.github.cmlr.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.em.inference.ZTest;
import io.github.cmlr.model.MixtureParams;
import java.util.List;

/**
 * The report's sections for coefficients shared by all components ({@link ModelSpec#fixed()}):
 * the shared terms with the input, and the shared coefficients once, in a section of their own,
 * with their standard errors, z and p (each component's coefficients also list them, so every
 * component stays a whole coefficient vector).
 */
final class SharedReport {
    private SharedReport() {}

    /** {@code input.fixed} and {@code input.sharedCoefficients}, when there are shared terms. */
    static void input(ObjectNode input, DataSummary d) {
        if (d.fixed() == null) return;
        input.put("fixed", d.fixed());
        ArrayNode names = input.putArray("sharedCoefficients");
        d.coefficients().subList(0, d.sharedColumns()).forEach(names::add);
    }

    /** {@code estimates.shared}: name to value. */
    static void estimates(ObjectNode estimates, ModelFit f) {
        int s = f.data().sharedColumns();
        if (s == 0) return;
        ObjectNode shared = estimates.putObject("shared");
        MixtureParams p = f.estimates();
        List<String> names = f.coefficientNames();
        for (int i = 0; i < s; i++) ReportJson.putNumber(shared, names.get(i), p.beta(0, i));
    }

    /** {@code standardErrors.shared}: the errors, z and p of the shared coefficients. */
    static void errors(ObjectNode errors, StandardErrors se, ModelFit f) {
        int s = f.data().sharedColumns();
        if (s == 0 || !se.available()) return;
        ObjectNode shared = errors.putObject("shared");
        ObjectNode coef = shared.putObject("coefficients");
        ObjectNode z = shared.putObject("z");
        ObjectNode p = shared.putObject("p");
        List<String> names = f.coefficientNames();
        for (int i = 0; i < s; i++) {
            double e = se.beta()[i];
            double zi = ZTest.z(f.estimates().beta(0, i), e);
            ReportJson.putNumber(coef, names.get(i), e);
            ReportJson.putNumber(z, names.get(i), zi);
            ReportJson.putNumber(p, names.get(i), ZTest.twoSidedP(zi));
        }
    }
}
