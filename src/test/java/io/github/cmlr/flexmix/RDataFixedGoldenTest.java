package io.github.cmlr.flexmix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.api.Backends;
import io.github.cmlr.api.Cmlr;
import io.github.cmlr.api.DataSource;
import io.github.cmlr.api.ModelFit;
import io.github.cmlr.api.ModelSpec;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.model.MixtureParams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Coefficients shared by all components ({@code ModelSpec.fixed}) against flexmix's
 * {@code FLXMRglmfix(fixed = ...)} on real R data (src/test/resources/rdata, make-rdata.R): a
 * grouped fit with shared factors, a grouped fit with a shared intercept and varying slope, an
 * ungrouped fit, and the same with one variance (varFix). Names and order as flexmix's (shared
 * first), the log-likelihood at least flexmix's, df equal, and estimates and standard errors equal
 * to refit()'s: flexmix's EM fixed point is not the maximum (its M-step ignores the variances),
 * refit() climbs from there to the maximum that cmlr's M-step reaches (make-rdata.R polishes it).
 */
class RDataFixedGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"exam_fixed_grouped", "exam_fixed_intercept", "npreg_fixed", "npreg_fixed_varfix"})
    void sharedCoefficientsMatchFlexmix(String name) throws IOException {
        JsonNode ref = new ObjectMapper().readTree(RDataGoldenTest.resource(name + ".json").toFile());
        ModelSpec spec = ModelSpec.builder().k(ref.get("K").asInt()).starts(50).seed(5).maxIterations(5000).tolParam(1e-12)
                .tolLogLik(1e-14).fixed(ref.get("fixed").asText()).sharedVariance(ref.get("sharedVariance").asBoolean()).build();
        ModelFit fit;
        try (Backend cpu = Backends.open("cpu", 2)) {
            fit = Cmlr.fit(DataSource.csv(RDataGoldenTest.resource(ref.get("csv").asText()), ref.get("formula").asText()), spec, cpu);
        }
        List<String> names = texts(ref.get("coefficients"));
        assertEquals(names, fit.coefficientNames(), name + ": names in flexmix's order");
        int shared = ref.get("shared").size();
        assertEquals(texts(ref.get("shared")), names.subList(0, shared), name + ": the shared coefficients come first");
        assertEquals(shared, fit.data().sharedColumns());
        assertEquals(ref.get("rows").asLong(), fit.data().rows());
        assertEquals(ref.get("grouped").asBoolean(), !fit.data().ungrouped());
        JsonNode fx = ref.get("flexmix");
        JsonNode refit = FlexmixParity.reachesFlexmixAndRefit(name, fx, fit);
        MixtureParams p = fit.estimates();
        for (int i = 0; i < shared; i++) {
            for (int k = 1; k < p.components(); k++) assertEquals(p.beta(0, i), p.beta(k, i), 0.0, name + ": shared " + names.get(i));
        }
        refitAgrees(name, refit, fit, shared, ref.get("sharedVariance").asBoolean());
    }

    /**
     * refit()'s vector in order: the shared coefficients, each component's varying ones, the
     * log(sigma)s (one with varFix) and the K-1 log-odds against component 1 (K = 2 here).
     */
    private static void refitAgrees(String name, JsonNode refit, ModelFit fit, int shared, boolean oneSigma) {
        StandardErrors se = fit.errors();
        assertTrue(se != null && se.available(), name + ": standard errors");
        MixtureParams p = fit.estimates();
        int d = p.dim();
        double[] est = numbers(refit.get("estimate"));
        int[] perm = match(p, est, shared);
        List<double[]> mine = new ArrayList<>(); // {estimate, standard error} in refit()'s order
        for (int i = 0; i < shared; i++) mine.add(new double[] {p.beta(0, i), se.beta()[i]});
        for (int k = 0; k < 2; k++) {
            for (int i = shared; i < d; i++) mine.add(new double[] {p.beta(perm[k], i), se.beta()[perm[k] * d + i]});
        }
        for (int k = 0; k < (oneSigma ? 1 : 2); k++) {
            mine.add(new double[] {0.5 * Math.log(p.sigma2(perm[k])), se.logSigma()[perm[k]]});
        }
        mine.add(new double[] {Math.log(p.weight(perm[1]) / p.weight(perm[0])), se.logOdds()[1]});
        assertEquals(est.length, mine.size(), name + ": parameters");
        double[] theirSe = numbers(refit.get("se"));
        double[] fine = numbers(refit.get("seFineSteps"));
        boolean wellConditioned = refit.get("condition").asDouble() < 1e6;
        // the fixture's estimate is refit()'s polished by Newton steps, its seFineSteps the Hessian there by
        // extrapolated differences (accurate to ~1e-6); refit()'s own se differences with steps 1e-3
        for (int i = 0; i < est.length; i++) {
            String n = refit.get("names").get(i).asText() + " (#" + i + ")";
            assertEquals(est[i], mine.get(i)[0], 1e-4 * (Math.abs(est[i]) + theirSe[i]), name + ": estimate of " + n);
            assertEquals(fine[i], mine.get(i)[1], 1e-4 * fine[i], name + ": standard error of " + n + " (polished Hessian)");
            if (wellConditioned) assertEquals(theirSe[i], mine.get(i)[1], 1e-3 * theirSe[i], name + ": standard error of " + n);
        }
    }

    /** perm[k] = cmlr's component matching refit()'s component k, by the varying coefficients (K = 2). */
    private static int[] match(MixtureParams ours, double[] est, int shared) {
        int v = ours.dim() - shared;
        double straight = 0;
        double swapped = 0;
        for (int i = 0; i < v; i++) {
            double a = est[shared + i];
            double b = est[shared + v + i];
            straight += Math.abs(ours.beta(0, shared + i) - a) + Math.abs(ours.beta(1, shared + i) - b);
            swapped += Math.abs(ours.beta(1, shared + i) - a) + Math.abs(ours.beta(0, shared + i) - b);
        }
        return straight <= swapped ? new int[] {0, 1} : new int[] {1, 0};
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static double[] numbers(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }
}
