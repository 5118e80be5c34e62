package io.github.cmlr.flexmix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.api.Backends;
import io.github.cmlr.api.Cmlr;
import io.github.cmlr.api.ConcomitantFit;
import io.github.cmlr.api.DataSource;
import io.github.cmlr.api.ModelFit;
import io.github.cmlr.api.ModelSpec;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.model.MixtureParams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Concomitant models of the mixing weights against flexmix's FLXPmultinom on real R data
 * (src/test/resources/rdata, made by make-concomitant.R there): mlmRev's Exam grouped by school
 * with school-level covariates (a numeric one and a factor), NPreg ungrouped, and standard EM on
 * Exam's rows against flexmix's ungrouped fit of them. cmlr's
 * log-likelihood at least flexmix's best, df equal (K-1 blocks of 1 + #z weight parameters),
 * every estimate and standard error equal to refit()'s at the common optimum.
 */
class ConcomitantGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"exam_concomitant", "npreg_concomitant"})
    void concomitantFitMatchesFlexmix(String name) throws IOException {
        JsonNode ref = new ObjectMapper().readTree(RDataGoldenTest.resource(name + ".json").toFile());
        int kk = ref.get("K").asInt();
        ModelSpec spec = ModelSpec.builder().k(kk).starts(20).seed(5).maxIterations(5000).tolParam(1e-12).tolLogLik(1e-14)
                .concomitant(ref.get("concomitant").asText()).build();
        ModelFit fit;
        try (Backend cpu = Backends.open("cpu", 2)) {
            fit = Cmlr.fit(DataSource.csv(RDataGoldenTest.resource(ref.get("csv").asText()), ref.get("formula").asText()), spec, cpu);
        }
        ConcomitantFit cf = fit.concomitantModel().orElseThrow();
        List<String> terms = new ArrayList<>();
        ref.get("concomitantTerms").forEach(n -> terms.add(n.asText()));
        assertEquals(terms, cf.terms(), name + ": concomitant model.matrix names");
        assertEquals(ref.get("grouped").asBoolean(), !fit.data().ungrouped());
        JsonNode fx = ref.get("flexmix");
        JsonNode refit = FlexmixParity.reachesFlexmixAndRefit(name, fx, fit);
        int[] perm = match(fit.estimates(), fx.get("components"));
        refitAgrees(name, refit, fit, cf, perm);
    }

    /**
     * Standard EM (one label per row) on the grouped file takes each row's z from its node: the
     * same model as the ungrouped fixture, so the same optimum as refit() there.
     */
    @Test
    void standardEmOnGroupedDataIsTheUngroupedModel() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(RDataGoldenTest.resource("exam_rows_concomitant.json").toFile());
        // 4059 units and about 1500 EM steps per start: 5 starts reach the optimum in a few seconds
        ModelSpec spec = ModelSpec.builder().k(2).starts(5).seed(5).maxIterations(5000).tolParam(1e-12).tolLogLik(1e-14)
                .algorithm(ModelSpec.Algorithm.STANDARD).concomitant(ref.get("concomitant").asText()).build();
        ModelFit fit;
        try (Backend cpu = Backends.open("cpu", 2)) {
            fit = Cmlr.fit(DataSource.csv(RDataGoldenTest.resource("exam_school.csv"), "normexam ~ standLRT | school"), spec, cpu);
        }
        double refitLl = ref.get("flexmix").get("refit").get("logLik").asDouble();
        assertEquals(refitLl, fit.logLik(), 1e-7 * Math.abs(refitLl));
        assertEquals(ref.get("flexmix").get("df").asInt(), fit.parameters());
        JsonNode gamma = ref.get("flexmix").get("refit").get("estimate");
        int[] perm = match(fit.estimates(), ref.get("flexmix").get("components"));
        double sign = perm[0] == 0 ? 1 : -1;
        ConcomitantFit cf = fit.concomitantModel().orElseThrow();
        for (int t = 0; t < 4; t++) {
            double est = gamma.get(6 + t).asDouble();
            assertEquals(est, sign * cf.coefficient(1, t), 1e-4 * (1 + Math.abs(est)), "concomitant term " + t);
        }
    }

    /**
     * Exam's 4,059 rows as one-row nodes (the ungrouped formula): more than MultiStart's 2,000
     * screening nodes, so the starts are screened on a subsample with its rows' covariates; the
     * fit reaches refit()'s optimum.
     */
    @Test
    void ungroupedRowsScreenedOnASubsampleReachFlexmix() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(RDataGoldenTest.resource("exam_rows_concomitant.json").toFile());
        ModelSpec spec = ModelSpec.builder().k(2).starts(3).seed(5).maxIterations(5000).tolParam(1e-12).tolLogLik(1e-14)
                .concomitant(ref.get("concomitant").asText()).build();
        ModelFit fit;
        try (Backend cpu = Backends.open("cpu", 2)) {
            fit = Cmlr.fit(DataSource.csv(RDataGoldenTest.resource(ref.get("csv").asText()), ref.get("formula").asText()), spec, cpu);
        }
        assertTrue(fit.data().ungrouped());
        assertEquals(MultiStart.SCREEN_NODES, fit.starts().screenedNodes());
        double refitLl = ref.get("flexmix").get("refit").get("logLik").asDouble();
        assertEquals(refitLl, fit.logLik(), 1e-7 * Math.abs(refitLl));
        assertEquals(ref.get("flexmix").get("df").asInt(), fit.parameters());
    }

    /**
     * Shared coefficients (FLXMRglmfix) and a concomitant model together. refit() lists the shared
     * coefficient, each component's varying ones, the log sigmas, then the concomitant terms.
     * (Its fine-step Hessian disagrees with refit() itself by 0.2% on the concomitant terms here,
     * so the errors are held to refit()'s, well conditioned at 8.8e3.)
     */
    @Test
    void sharedCoefficientsWithAConcomitantModelMatchFlexmix() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(RDataGoldenTest.resource("exam_fixed_concomitant.json").toFile());
        ModelSpec spec = ModelSpec.builder().k(2).starts(20).seed(5).maxIterations(5000).tolParam(1e-12).tolLogLik(1e-14)
                .fixed(ref.get("fixed").asText()).concomitant(ref.get("concomitant").asText()).build();
        ModelFit fit;
        try (Backend cpu = Backends.open("cpu", 2)) {
            fit = Cmlr.fit(DataSource.csv(RDataGoldenTest.resource("exam_school.csv"), ref.get("formula").asText()), spec, cpu);
        }
        JsonNode fx = ref.get("flexmix");
        JsonNode refit = fx.get("refit");
        assertTrue(fit.logLik() >= fx.get("logLik").asDouble());
        assertEquals(refit.get("logLik").asDouble(), fit.logLik(), 1e-7 * Math.abs(fit.logLik()));
        assertEquals(fx.get("df").asInt(), fit.parameters());
        assertEquals(List.of("schavg", "(Intercept)", "standLRT"), fit.coefficientNames());
        int[] perm = match(fit.estimates(), fx.get("components"));
        MixtureParams p = fit.estimates();
        StandardErrors se = fit.errors();
        ConcomitantFit cf = fit.concomitantModel().orElseThrow();
        double sign = perm[0] == 0 ? 1 : -1;
        double[] mine = new double[10];
        double[] mineSe = new double[10];
        mine[0] = p.beta(0, 0);
        mineSe[0] = se.beta()[0];
        for (int k = 0; k < 2; k++) {
            for (int i = 1; i < 3; i++) {
                mine[2 * k + i] = p.beta(perm[k], i);
                mineSe[2 * k + i] = se.beta()[perm[k] * 3 + i];
            }
            mine[5 + k] = 0.5 * Math.log(p.sigma2(perm[k]));
            mineSe[5 + k] = se.logSigma()[perm[k]];
        }
        for (int t = 0; t < 3; t++) {
            mine[7 + t] = sign * cf.coefficient(1, t);
            mineSe[7 + t] = cf.standardErrors()[3 + t];
        }
        for (int i = 0; i < 10; i++) {
            String n = refit.get("names").get(i).asText();
            double est = refit.get("estimate").get(i).asDouble();
            double theirs = refit.get("se").get(i).asDouble();
            assertEquals(est, mine[i], 1e-4 * (Math.abs(est) + theirs), "estimate of " + n);
            assertEquals(theirs, mineSe[i], 1e-3 * theirs, "standard error of " + n + " (refit)");
        }
    }

    /** Every refit() parameter: coefficients, log(sigma) and concomitant_Comp.2.TERM (against component 1). */
    private static void refitAgrees(String name, JsonNode refit, ModelFit fit, ConcomitantFit cf, int[] perm) {
        StandardErrors se = fit.errors();
        assertTrue(se != null && se.available(), name + ": standard errors");
        assertNotNull(cf.standardErrors(), name + ": concomitant standard errors");
        MixtureParams p = fit.estimates();
        int d = p.dim();
        double sign = perm[0] == 0 ? 1 : -1; // cmlr's baseline is its first component; K = 2
        for (int i = 0; i < refit.get("names").size(); i++) {
            String n = refit.get("names").get(i).asText();
            double mine;
            double mineSe;
            if (n.startsWith("concomitant_")) {
                int t = cf.terms().indexOf(n.substring("concomitant_Comp.2.".length()));
                mine = sign * cf.coefficient(1, t);
                mineSe = cf.standardErrors()[cf.terms().size() + t];
            } else {
                int at = n.indexOf("Comp.") + 5;
                int c = perm[Integer.parseInt(n.substring(at, at + 1)) - 1];
                if (n.endsWith("log(sigma)")) {
                    mine = 0.5 * Math.log(p.sigma2(c));
                    mineSe = se.logSigma()[c];
                } else {
                    int coef = fit.coefficientNames().indexOf(n.substring(n.indexOf("_coef.") + 6));
                    mine = p.beta(c, coef);
                    mineSe = se.beta()[c * d + coef];
                }
            }
            double est = refit.get("estimate").get(i).asDouble();
            double theirs = refit.get("se").get(i).asDouble();
            assertEquals(est, mine, 1e-4 * (Math.abs(est) + theirs), name + ": estimate of " + n);
            double fine = refit.get("seFineSteps").get(i).asDouble();
            assertEquals(fine, mineSe, 1e-4 * fine, name + ": standard error of " + n + " (Hessian with steps 1e-5)");
            assertEquals(theirs, mineSe, 1e-3 * theirs, name + ": standard error of " + n + " (refit)");
        }
    }

    /** perm[k] = cmlr's component matching flexmix's component k (K = 2: the closer assignment of the betas). */
    private static int[] match(MixtureParams ours, JsonNode comps) {
        double straight = 0;
        double swapped = 0;
        for (int i = 0; i < ours.dim(); i++) {
            double f0 = comps.get(0).get("coef").get(i).asDouble();
            double f1 = comps.get(1).get("coef").get(i).asDouble();
            straight += Math.abs(ours.beta(0, i) - f0) + Math.abs(ours.beta(1, i) - f1);
            swapped += Math.abs(ours.beta(1, i) - f0) + Math.abs(ours.beta(0, i) - f1);
        }
        return straight <= swapped ? new int[] {0, 1} : new int[] {1, 0};
    }
}
