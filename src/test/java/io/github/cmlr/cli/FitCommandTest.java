package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.api.Cmlr;
import io.github.cmlr.api.DataSource;
import io.github.cmlr.api.ModelFit;
import io.github.cmlr.api.ModelSpec;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.data.CsvReader;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.util.Progress;
import io.github.cmlr.em.Errors;
import io.github.cmlr.model.SyntheticSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: simulate, then fit; the fits recover theta* (up to sign) and the report is consistent. */
class FitCommandTest {
    private static final SyntheticSpec SPEC = SyntheticSpec.withSnr(200, 30, 3, 1.0, 4.0, 7);

    @TempDir
    static Path dir;

    static Path data;
    static double[] thetaStar;

    @BeforeAll
    static void simulate() {
        data = dir.resolve("sim.csv.gz");
        FitCliHarness.Result r = FitCliHarness.run("simulate", "--m", "200", "--n", "30", "--d", "3", "--sigma", "1",
                "--snr", "4", "--seed", "7", "--labels", "--backend", "cpu", "--out", data.toString());
        assertEquals(0, r.code(), r.err());
        thetaStar = SyntheticGenerator.thetaStar(SPEC);
    }

    private static JsonNode fit(String name, String... options) throws IOException {
        Path out = dir.resolve(name + ".json");
        List<String> args = new ArrayList<>(List.of("fit", data.toString(), "--backend", "cpu", "--out", out.toString()));
        args.addAll(List.of(options));
        FitCliHarness.Result r = FitCliHarness.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(out.toFile());
    }

    private static double[] coefficients(JsonNode coef) {
        return new double[] {coef.get("x1").asDouble(), coef.get("x2").asDouble(), coef.get("x3").asDouble()};
    }

    /** sqrt(d / (m n)) * sigma is the statistical accuracy; allow a generous constant. */
    private static final double ACCURACY = 5 * Math.sqrt(3.0 / (200 * 30));

    @Test
    void symmetricClusteredFitRecoversThetaUpToSign() throws IOException {
        JsonNode report = fit("sym", "--model", "symmetric", "--sigma", "1", "--posteriors",
                dir.resolve("sym-post.csv").toString());
        double[] theta = coefficients(report.at("/estimates/theta"));
        assertTrue(Errors.signInvariant(theta, thetaStar) < ACCURACY, () -> "error " + Errors.signInvariant(theta, thetaStar));
        assertEquals(6000, report.at("/input/rows").asLong());
        assertEquals(200, report.at("/input/nodes").asInt());
        assertEquals("[\"x1\",\"x2\",\"x3\"]", report.at("/input/columns/features").toString(), "label is not a feature");
        assertTrue(report.at("/fit/converged").asBoolean());
        assertEquals(report.at("/fit/iterations").asInt() + 1, report.at("/trace").size());
        double ll = report.at("/fit/logLikelihood").asDouble();
        assertEquals(3, report.at("/fit/parameters").asInt());
        assertEquals(6 - 2 * ll, report.at("/fit/aic").asDouble(), 1e-9 * Math.abs(ll));
        assertEquals(3 * Math.log(6000) - 2 * ll, report.at("/fit/bic").asDouble(), 1e-9 * Math.abs(ll));
        assertTrue(report.at("/timings/streamedStatistics").asBoolean());
        List<String> lines = Files.readAllLines(dir.resolve("sym-post.csv"));
        assertEquals("node,w,p_plus,p_minus,component", lines.get(0));
        assertEquals(201, lines.size());
    }

    @Test
    void symmetricStandardFitAgreesWithClustered() throws IOException {
        JsonNode clustered = fit("sym-c", "--model", "symmetric", "--sigma", "1", "--init", "lsq");
        JsonNode standard = fit("sym-s", "--model", "symmetric", "--sigma", "1", "--algorithm", "standard");
        double[] a = coefficients(clustered.at("/estimates/theta"));
        double[] b = coefficients(standard.at("/estimates/theta"));
        assertTrue(Errors.signInvariant(b, thetaStar) < 3 * ACCURACY);
        assertTrue(Errors.signInvariant(a, thetaStar) < ACCURACY);
        assertFalse(standard.at("/timings/streamedStatistics").asBoolean());
    }

    @Test
    void mixtureFitFindsBothComponentsAndTheNodeLabels() throws IOException {
        Path post = dir.resolve("mix-post.csv");
        JsonNode report = fit("mix", "--model", "mixture", "--k", "2", "--starts", "3", "--posteriors", post.toString());
        JsonNode comps = report.at("/estimates/components");
        assertEquals(2, comps.size());
        for (JsonNode c : comps) {
            double[] beta = coefficients(c.get("coefficients"));
            assertTrue(Errors.signInvariant(beta, thetaStar) < 2 * ACCURACY, c::toString);
            assertEquals(0.5, c.get("weight").asDouble(), 0.15);
            assertEquals(1.0, c.get("sigma").asDouble(), 0.05);
        }
        JsonNode starts = report.at("/starts/logLikelihoods");
        assertEquals(3, starts.size());
        double best = report.at("/fit/logLikelihood").asDouble();
        int agree = 0;
        for (JsonNode s : starts) if (Math.abs(s.asDouble() - best) <= 1e-6 * Math.abs(best)) agree++;
        assertTrue(agree >= 1, "the reported fit is one of the starts");
        assertEquals(agree, report.at("/starts/reachedBest").asInt());
        assertEquals(2 * 3 + 2 + 1, report.at("/fit/parameters").asInt());
        // posterior components agree with the true labels up to a swap of the two names
        List<String> lines = Files.readAllLines(post);
        assertEquals("node,p1,p2,component", lines.get(0));
        int[] truth = SyntheticGenerator.generate(SPEC, 1).trueLabels();
        int same = 0;
        for (int j = 0; j < 200; j++) {
            String[] cells = lines.get(j + 1).split(",");
            assertEquals(Integer.toString(j), cells[0]);
            if (Integer.parseInt(cells[3]) - 1 == truth[j]) same++;
        }
        assertTrue(same >= 195 || same <= 5, "agreement " + same + " of 200");
    }

    @Test
    void standardMixtureFitWritesPerRowPosteriors() throws IOException {
        Path post = dir.resolve("std-post.csv.gz");
        JsonNode report = fit("std", "--algorithm", "standard", "--k", "2", "--starts", "2", "--shared-variance",
                "--posteriors", post.toString());
        JsonNode comps = report.at("/estimates/components");
        assertEquals(2, comps.size());
        for (JsonNode c : comps) {
            // row-level labels ignore the node structure: less accurate, still near +-theta*
            assertTrue(Errors.signInvariant(coefficients(c.get("coefficients")), thetaStar) < 0.5, c::toString);
        }
        assertEquals(2 * 3 + 1 + 1, report.at("/fit/parameters").asInt());
        assertEquals(comps.get(0).get("variance").asDouble(), comps.get(1).get("variance").asDouble());
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(post))) {
            List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            assertEquals("node,row,p1,p2,component", lines.get(0));
            assertEquals(6001, lines.size());
            assertTrue(lines.get(31).startsWith("1,1,"), lines.get(31));
        }
    }

    @Test
    void streamingAndInMemoryGroupedFitsAreIdentical() {
        CsvOptions csv = CsvOptions.defaults().withIntercept(true);
        for (ModelSpec.Model model : ModelSpec.Model.values()) {
            ModelSpec s = ModelSpec.builder().model(model).sigma(model == ModelSpec.Model.SYMMETRIC ? 1.0 : null)
                    .starts(3).seed(5).build();
            try (CpuBackend cpu = new CpuBackend(2)) {
                CsvReader.DatasetResult rows = CsvReader.readDataset(data, csv, Progress.none());
                ModelFit a = Cmlr.fit(DataSource.csv(data, csv), s, cpu);
                ModelFit b = Cmlr.fit(DataSource.of(rows.dataset(), rows.info().featureNames()), s, cpu);
                assertEquals(0.0, a.estimates().maxAbsDiff(b.estimates()), model.toString());
                assertEquals(a.logLik(), b.logLik());
                assertEquals(a.iterations(), b.iterations());
            }
        }
    }

    @Test
    void progressIsShownWhenAskedAndSilencedByQuiet() {
        Path out = dir.resolve("p.json");
        FitCliHarness.Result shown = FitCliHarness.run("fit", data.toString(), "--backend", "cpu", "--model", "symmetric",
                "--sigma", "1", "--progress", "--out", out.toString());
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.err().contains("reading: 6,000 rows"), shown.err());
        assertTrue(shown.err().contains("EM: E-step"), shown.err());
        FitCliHarness.Result quiet = FitCliHarness.run("fit", data.toString(), "--backend", "cpu", "--model", "symmetric",
                "--sigma", "1", "--progress", "--quiet", "--out", out.toString());
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.err().contains("reading:"), quiet.err());
        assertFalse(quiet.err().contains("EM:"), quiet.err());
    }
}
