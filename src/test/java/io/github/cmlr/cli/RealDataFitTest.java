package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.github.cmlr.flexmix.FlexmixFixture;
import io.github.cmlr.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit --k ranges, --se, --fixed-weights, --labels-col end to end, and fit -> predict. */
class RealDataFitTest {
    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void copyFixture() throws IOException {
        data = dir.resolve("k3.csv");
        try (InputStream in = getClass().getResourceAsStream("/flexmix/k3_separate_intercept.csv")) {
            Files.copy(in, data);
        }
    }

    private JsonNode fit(String... extra) throws IOException {
        Path out = dir.resolve("report.json");
        List<String> args = new java.util.ArrayList<>(List.of("fit", data.toString(), "--backend", "cpu", "--intercept",
                "--starts", "4", "--out", out.toString()));
        args.addAll(List.of(extra));
        FitCliHarness.Result r = FitCliHarness.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(out.toFile());
    }

    @Test
    void rangeChoosesThreeAndErrorsMatchFlexmix() throws IOException {
        JsonNode report = fit("--k", "1..4");
        assertEquals(3, report.at("/selection/chosenK").asInt());
        assertEquals(4, report.at("/selection/table").size());
        assertTrue(report.at("/selection/table/2/chosen").asBoolean());
        assertEquals(3, report.at("/estimates/components").size());
        FlexmixFixture f = FlexmixFixture.load("k3_separate_intercept");
        assertTrue(report.at("/fit/logLikelihood").asDouble() >= f.flexmixLogLik - 1e-6 * Math.abs(f.flexmixLogLik));
        // each component's coefficient errors match one of flexmix's refit() components within 10%
        JsonNode comps = report.at("/standardErrors/components");
        for (JsonNode c : comps) {
            double se = c.at("/coefficients/x1").asDouble();
            boolean matched = false;
            for (int k = 0; k < 3; k++) matched |= Math.abs(se - f.refitSe[k * 2 + 1]) < 0.1 * f.refitSe[k * 2 + 1];
            assertTrue(matched, "x1 error " + se);
        }
    }

    /** predict on the training data with the fit's report gives back the fit's own node posteriors. */
    @Test
    void fitThenPredict() throws IOException {
        Path post = dir.resolve("post.csv");
        fit("--k", "3", "--se", "none", "--posteriors", post.toString());
        Path pred = dir.resolve("pred.csv");
        FitCliHarness.Result r = FitCliHarness.run("predict", "--model", dir.resolve("report.json").toString(),
                "--data", data.toString(), "--out", pred.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(pred);
        assertEquals(Files.readAllLines(data).size(), lines.size());
        assertEquals("node,row,component,p1,p2,p3,yhat,yhat1,yhat2,yhat3", lines.get(0));
        java.util.Map<String, String[]> fitted = new java.util.HashMap<>();
        List<String> postLines = Files.readAllLines(post);
        assertEquals("node,p1,p2,p3,component", postLines.get(0));
        for (String l : postLines.subList(1, postLines.size())) fitted.put(l.split(",")[0], l.split(","));
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            String[] f = fitted.get(c[0]);
            for (int k = 0; k < 3; k++) assertEquals(Double.parseDouble(f[k + 1]), Double.parseDouble(c[3 + k]), 1e-9, l);
            assertEquals(f[4], c[2], "most likely component of node " + c[0]);
            double mean = 0;
            for (int k = 0; k < 3; k++) mean += Double.parseDouble(c[3 + k]) * Double.parseDouble(c[7 + k]);
            assertEquals(mean, Double.parseDouble(c[6]), 1e-9 * (1 + Math.abs(mean)));
        }
    }

    @Test
    void bootstrapAndFixedWeightsAndLabels() throws IOException {
        JsonNode boot = fit("--k", "3", "--se", "bootstrap", "--bootstrap", "20");
        assertEquals("bootstrap", boot.at("/standardErrors/method").asText());
        assertTrue(boot.at("/standardErrors/components/0/coefficients/x1").asDouble() > 0);

        JsonNode fixed = fit("--k", "3", "--fixed-weights", "0.3,0.3,0.4");
        assertEquals(0.4, fixed.at("/estimates/components/2/weight").asDouble(), 1e-12);
        assertEquals(0.0, fixed.at("/standardErrors/components/0/weight").asDouble());

        // semi-supervised: node n001 is known to be component 2 (1-based), the rest unknown
        List<String> lines = Files.readAllLines(data);
        StringBuilder b = new StringBuilder(lines.get(0)).append(",fixed\n");
        for (String l : lines.subList(1, lines.size())) b.append(l).append(l.startsWith("n001,") ? ",2\n" : ",0\n");
        Files.writeString(data, b.toString());
        JsonNode labelled = fit("--k", "3", "--labels-col", "fixed", "--x-cols", "x1");
        double slope = labelled.at("/estimates/components/1/coefficients/x1").asDouble();
        // n001 belongs to the true component with slope 1 (see make-fixtures.R: betas (0,1), (3,-1), (-2,0.5))
        FlexmixFixture f = FlexmixFixture.load("k3_separate_intercept");
        int z = 0;
        for (int k = 1; k < 3; k++) if (f.flexmixMl.beta(k, 1) > f.flexmixMl.beta(z, 1)) z = k;
        assertEquals(f.flexmixMl.beta(z, 1), slope, 1e-3);
    }

    @Test
    void optionConflictsAreUsageErrors() {
        Path out = dir.resolve("r.json");
        String[][] bad = {
            {"--k", "1..4", "--fixed-weights", "0.5,0.5"},
            {"--k", "2", "--fixed-weights", "0.5,0.6"},
            {"--k", "0..3"},
            {"--k", "2", "--se", "maybe"},
            {"--k", "2", "--criterion", "xyz"},
            {"--k", "1..3", "--algorithm", "standard"},
        };
        for (String[] extra : bad) {
            List<String> args = new java.util.ArrayList<>(List.of("fit", data.toString(), "--backend", "cpu", "--out", out.toString()));
            args.addAll(List.of(extra));
            FitCliHarness.Result r = FitCliHarness.run(args.toArray(new String[0]));
            assertEquals(2, r.code(), String.join(" ", extra) + ": " + r.err());
            assertTrue(r.err().contains(extra[extra.length - 2]), r.err());
            assertTrue(!Files.exists(out));
        }
    }

    @Test
    void missingLabelsColumnIsADataError() {
        Path out = dir.resolve("r.json");
        FitCliHarness.Result r = FitCliHarness.run("fit", data.toString(), "--backend", "cpu", "--k", "3", "--labels-col", "known",
                "--out", out.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("no column 'known' (--labels-col)"), r.err());
        assertTrue(!Files.exists(out));
    }

    @Test
    void streamingAndInMemorySelectionAreIdentical() {
        CsvOptions csv = CsvOptions.defaults().withIntercept(true);
        ModelSpec s = ModelSpec.builder().k(2, 3).starts(3).seed(5).bootstrap(2).build();
        try (CpuBackend cpu = new CpuBackend(2)) {
            CsvReader.DatasetResult rows = CsvReader.readDataset(data, csv, Progress.none());
            ModelFit a = Cmlr.fit(DataSource.csv(data, csv), s, cpu);
            ModelFit b = Cmlr.fit(DataSource.of(rows.dataset(), rows.info().featureNames()), s, cpu);
            assertEquals(0.0, a.estimates().maxAbsDiff(b.estimates()));
            assertEquals(a.logLik(), b.logLik());
            assertTrue(java.util.Arrays.equals(a.errors().beta(), b.errors().beta()));
        }
    }
}
