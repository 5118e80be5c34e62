package io.github.cmlr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.cli.Main;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.data.CsvWriter;
import io.github.cmlr.em.selection.GroupedFit;
import io.github.cmlr.em.selection.SpuriousSolutionTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's result and the CLI's report agree field by field on the same data (timings aside). */
class ReportAgreementTest {
    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name + ".csv");
        try (InputStream in = getClass().getResourceAsStream("/flexmix/" + name + ".csv")) {
            Files.copy(in, p);
        }
        return p;
    }

    private JsonNode cli(String... args) throws IOException {
        Path out = dir.resolve("report.json");
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        all[args.length + 2] = "--quiet";
        assertEquals(0, Main.run(all));
        return ReportJson.JSON.readTree(out.toFile());
    }

    /** The report as read back from its text (so number node types compare equal), timings removed. */
    private static ObjectNode withoutTimings(JsonNode report) throws IOException {
        ObjectNode copy = (ObjectNode) ReportJson.JSON.readTree(report.toString());
        copy.remove("timings");
        return copy;
    }

    @Test
    void groupedMixtureWithSelectionAndErrors() throws IOException {
        Path data = fixture("k2_separate_intercept");
        JsonNode cli = cli("fit", data.toString(), "--backend", "cpu", "--threads", "2", "--intercept", "--k", "1..3",
                "--starts", "4", "--seed", "3");
        ModelFit fit;
        try (CpuBackend cpu = new CpuBackend(2)) {
            fit = Cmlr.fit(DataSource.csv(data, CsvOptions.defaults().withIntercept(true)),
                    ModelSpec.builder().k(1, 3).starts(4).seed(3).build(), cpu);
        }
        JsonNode api = fit.toJson();
        assertEquals(withoutTimings(cli), withoutTimings(api));
        assertSameKeys(cli.get("timings"), api.get("timings"));
        // the sections a grouped mixture adds: one selection row per K, K = 2 chosen, errors for every coefficient
        JsonNode table = api.at("/selection/table");
        assertEquals(3, table.size());
        assertTrue(table.get(1).get("chosen").asBoolean());
        assertFalse(table.get(0).get("chosen").asBoolean());
        JsonNode se = api.get("standardErrors");
        assertTrue(se.get("available").asBoolean());
        for (String n : List.of("(intercept)", "x1", "x2")) {
            assertTrue(se.at("/components/0/coefficients").get(n).asDouble() > 0, n);
        }
        assertFalse(api.toString().contains("NaN"));
        assertEquals(fit.logLik(), api.at("/fit/logLikelihood").asDouble());
        assertEquals(fit.estimates().weight(1), api.at("/estimates/components/1/weight").asDouble());
    }

    /** Bootstrap errors: the same section from both, with replicates, seed, the analytic errors, z and p. */
    @Test
    void bootstrapErrorsAgree() throws IOException {
        Path data = fixture("k2_separate_intercept");
        JsonNode cli = cli("fit", data.toString(), "--backend", "cpu", "--threads", "1", "--intercept", "--k", "2",
                "--starts", "3", "--se", "bootstrap", "--bootstrap", "20", "--seed", "4");
        ModelFit fit;
        try (CpuBackend cpu = new CpuBackend(1)) {
            fit = Cmlr.fit(DataSource.csv(data, CsvOptions.defaults().withIntercept(true)), ModelSpec.builder().k(2).starts(3)
                    .standardErrors(GroupedFit.ErrorMethod.BOOTSTRAP).bootstrap(20).seed(4).build(), cpu);
        }
        JsonNode api = fit.toJson();
        assertEquals(withoutTimings(cli), withoutTimings(api));
        JsonNode se = api.get("standardErrors");
        assertEquals(20, se.get("replicates").asInt());
        assertEquals(4, se.get("seed").asInt());
        assertTrue(se.at("/analytic/components/0/coefficients/x1").asDouble() > 0);
        assertTrue(se.at("/components/1/p/x1").isNumber());
    }

    /**
     * The bootstrap likelihood-ratio tests: the same section from both (replicates, seed, one
     * entry per test up to the first that does not reject), the API's result behind it, and its
     * time among the timings; the CLI runs 2 threads, the API 1, and the numbers are the same.
     */
    @Test
    void likelihoodRatioTestsAgree() throws IOException {
        Path data = fixture("k2_separate_intercept");
        JsonNode cli = cli("fit", data.toString(), "--backend", "cpu", "--threads", "2", "--intercept", "--k", "1..3",
                "--starts", "3", "--se", "none", "--lrt-bootstrap", "19", "--seed", "5");
        ModelFit fit;
        try (CpuBackend cpu = new CpuBackend(1)) {
            fit = Cmlr.fit(DataSource.csv(data, CsvOptions.defaults().withIntercept(true)), ModelSpec.builder().k(1, 3).starts(3)
                    .standardErrors(GroupedFit.ErrorMethod.NONE).lrtBootstrap(19).seed(5).build(), cpu);
        }
        JsonNode api = fit.toJson();
        ObjectNode cliReport = withoutTimings(cli);
        ObjectNode apiReport = withoutTimings(api);
        assertEquals("cpu (2 threads)", cliReport.remove("backend").asText());
        assertEquals("cpu (1 thread)", apiReport.remove("backend").asText());
        assertEquals(cliReport, apiReport, "2 threads (CLI) and 1 thread (API) give the same report");
        assertSameKeys(cli.get("timings"), api.get("timings"));
        assertTrue(api.at("/timings/lrtSeconds").asDouble() > 0);
        JsonNode lrt = api.at("/selection/lrt");
        assertEquals(19, lrt.get("replicates").asInt());
        assertEquals(5, lrt.get("seed").asInt());
        var result = fit.likelihoodRatioTests().orElseThrow();
        assertEquals(result.pairs().size(), lrt.get("tests").size());
        JsonNode first = lrt.at("/tests/0");
        assertEquals(1, first.get("k").asInt());
        assertEquals(2, first.get("kPlus1").asInt());
        assertEquals(result.pairs().get(0).pValue(), first.get("pValue").asDouble());
        assertEquals(0.05, first.get("pValue").asDouble(), 1e-12, "1 vs 2: no replicate reaches the observed statistic");
        assertTrue(first.get("rejected").asBoolean());
        assertEquals(19, first.get("replicatesUsed").asInt() + first.get("replicatesFailed").asInt());
        assertEquals(2, lrt.get("chosenK").asInt());
        assertTrue(lrt.get("agreesWithCriterion").asBoolean());
        assertTrue(ModelSpec.builder().k(1, 3).build().lrtBootstrap() == 0 && withoutTimings(cli("fit", data.toString(),
                "--backend", "cpu", "--intercept", "--k", "1..2", "--starts", "2", "--se", "none")).at("/selection/lrt").isMissingNode());
    }

    /**
     * The spurious K = 3 of {@link SpuriousSolutionTest} with the bounds off: both reports flag
     * the K = 3 row, name the one-group component and warn that BIC chose K through it; with the
     * default bounds nothing is flagged at the chosen K = 2.
     */
    @Test
    void aChoiceThroughASpuriousComponentIsFlagged() throws IOException {
        Path data = dir.resolve("near-exact.csv"); // x1 is the intercept column
        CsvWriter.write(SpuriousSolutionTest.nearExactGroup(), data, false);
        JsonNode cli = cli("fit", data.toString(), "--backend", "cpu", "--threads", "1", "--k", "1..3", "--starts", "100",
                "--se", "none", "--min-variance-ratio", "0", "--min-rows-per-parameter", "0");
        ModelFit fit;
        try (CpuBackend cpu = new CpuBackend(1)) {
            fit = Cmlr.fit(DataSource.csv(data, CsvOptions.defaults()), ModelSpec.builder().k(1, 3).starts(100)
                    .standardErrors(GroupedFit.ErrorMethod.NONE).minVarianceRatio(0).minRowsPerParameter(0).build(), cpu);
        }
        JsonNode api = fit.toJson();
        assertEquals(withoutTimings(cli), withoutTimings(api));
        assertEquals(3, api.at("/selection/chosenK").asInt());
        assertEquals(0.0, api.at("/model/minVarianceRatio").asDouble());
        JsonNode table = api.at("/selection/table");
        assertEquals(List.of(false, false, true), List.of(table.get(0).get("flagged").asBoolean(),
                table.get(1).get("flagged").asBoolean(), table.get(2).get("flagged").asBoolean()));
        String warning = api.at("/selection/warning").asText();
        assertTrue(warning.startsWith("K = 3 was chosen by BIC through 1 component(s) that may be spurious"), warning);
        List<String> warnings = new java.util.ArrayList<>();
        api.get("warnings").forEach(w -> warnings.add(w.asText()));
        assertTrue(warnings.contains(warning), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.matches("component \\d owns a single node \\(node '1', 4 rows.*")), warnings.toString());

        JsonNode bounded = cli("fit", data.toString(), "--backend", "cpu", "--threads", "1", "--k", "1..3", "--starts", "100",
                "--se", "none");
        assertEquals(2, bounded.at("/selection/chosenK").asInt());
        assertTrue(bounded.at("/selection/warning").isMissingNode());
        assertFalse(bounded.at("/selection/table/1/flagged").asBoolean());
        assertEquals(ModelSpec.DEFAULT_MIN_VARIANCE_RATIO, bounded.at("/model/minVarianceRatio").asDouble());
        assertEquals(ModelSpec.DEFAULT_MIN_ROWS_PER_PARAMETER, bounded.at("/model/minRowsPerParameter").asDouble());
    }

    @Test
    void symmetricAndStandardFits() throws IOException {
        Path data = fixture("k2_separate_intercept");
        CsvOptions csv = CsvOptions.defaults().withIntercept(true);
        try (CpuBackend cpu = new CpuBackend(1)) {
            JsonNode sym = cli("fit", data.toString(), "--backend", "cpu", "--threads", "1", "--intercept", "--model", "symmetric",
                    "--sigma", "1.5", "--starts", "3");
            ModelFit s = Cmlr.fit(DataSource.csv(data, csv), ModelSpec.builder().model(ModelSpec.Model.SYMMETRIC).sigma(1.5)
                    .starts(3).build(), cpu);
            assertEquals(withoutTimings(sym), withoutTimings(s.toJson()));
            // one scale: the chosen start's final log-likelihood and the trace's last entry equal the full one
            assertEquals(s.logLik(), s.trace().get(s.trace().size() - 1).logLik(), 1e-9 * Math.abs(s.logLik()));
            assertEquals(s.logLik(), max(s.starts().logLiks()), 1e-9 * Math.abs(s.logLik()));

            JsonNode std = cli("fit", data.toString(), "--backend", "cpu", "--threads", "1", "--intercept", "--algorithm", "standard",
                    "--starts", "2");
            ModelFit t = Cmlr.fit(DataSource.csv(data, csv), ModelSpec.builder().algorithm(ModelSpec.Algorithm.STANDARD)
                    .starts(2).build(), cpu);
            assertEquals(withoutTimings(std), withoutTimings(t.toJson()));
            assertTrue(t.posteriors().perRow());
            assertEquals(t.data().rows(), t.posteriors().units());
        }
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    private static void assertSameKeys(JsonNode a, JsonNode b) {
        Iterator<String> ia = a.fieldNames();
        Iterator<String> ib = b.fieldNames();
        while (ia.hasNext()) assertEquals(ia.next(), ib.next());
        assertFalse(ib.hasNext());
    }
}
