package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.Oracle;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.JsonNumbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue class 3: a successful command never carries NaN, Infinity or a bare null. What cannot be
 * computed is an error, or a documented absent value with its reason.
 */
class HiddenValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** examples/quick.yaml's oracle runs wrote "loglik_trace": ["NaN"]; now the grouped model's log-likelihood. */
    @Test
    void oracleRunsCarryTheirLogLikelihoodAndNoLineHoldsNaNOrNull() throws Exception {
        Path spec = dir.resolve("q.yaml");
        Files.writeString(spec, String.join("\n", "name: q", "seed: 3", "repetitions: 2", "axes:", "  m: [40]", "  n: [10]",
                "  d: [3]", "  model: [symmetric, mixture]", "  algorithm: [clustered, standard, oracle]", "stopping:",
                "  max_iter: 3", "  target: {c: 0.001}", ""));
        FitCliHarness.Result r = FitCliHarness.run("sweep", spec.toString(), "--out", dir.resolve("o").toString(), "--backend", "cpu");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("o").resolve("runs.jsonl"));
        assertEquals(12, lines.size());
        for (String line : lines) {
            assertFalse(line.contains("NaN") || line.contains("Infinity") || line.contains("null"), line);
            JsonNode o = JSON.readTree(line);
            assertEquals(null, JsonNumbers.firstUnclean(o, ""), line);
            // the target 0.001 sigma sqrt(d/mn) is out of reach in 3 iterations: absent, with its reason
            assertTrue(!o.has("iterations_to_target") && o.get("iterations_to_target_reason").asText().contains("above the target"), line);
            if (o.get("algorithm").asText().equals("oracle")) {
                assertEquals(1, o.get("loglik_trace").size(), line);
                assertEquals(expectedOracleLogLik(o), o.get("loglik_trace").get(0).asDouble(), 0.0, line);
            }
        }
    }

    /** The reference: the same dataset regenerated, its oracle estimate, the grouped model's log-likelihood there. */
    private static double expectedOracleLogLik(JsonNode line) {
        SyntheticSpec s = SyntheticSpec.withSnr(line.get("m").asInt(), line.get("n").asInt(), line.get("d").asInt(),
                line.get("sigma").asDouble(), line.get("snr").asDouble(), line.get("data_seed").asLong());
        try (CpuBackend b = new CpuBackend(1)) {
            Dataset data = b.generate(s);
            NodeStats stats = b.nodeStats(data);
            double[] theta = Oracle.estimate(stats, data.trueLabels());
            try (UnitOps u = b.nodeUnits(stats)) {
                double sigma2 = s.sigma() * s.sigma();
                return line.get("model").asText().equals("symmetric")
                        ? u.symmetricWeights(theta, sigma2, new double[u.units()])
                        : u.posteriors(io.github.cmlr.model.MixtureParams.symmetric(theta, sigma2), new double[u.units() * 2], null);
            }
        }
    }

    @Test
    void theJsonConventionLeavesOutWhatIsNotFiniteAndSaysWhy() {
        ObjectNode o = JSON.createObjectNode();
        JsonNumbers.put(o, "paramChange", Double.NaN, JsonNumbers.Style.CAMEL, "no previous iteration");
        JsonNumbers.put(o, "final_error", Double.POSITIVE_INFINITY, JsonNumbers.Style.SNAKE, "the fit failed");
        JsonNumbers.put(o, "logLik", -3.5, JsonNumbers.Style.CAMEL, "unused");
        JsonNumbers.put(o, "trace", new double[] {1, Double.NaN}, JsonNumbers.Style.CAMEL, "a step overflowed");
        assertEquals("{\"paramChangeReason\":\"no previous iteration\",\"final_error_reason\":\"the fit failed\","
                + "\"logLik\":-3.5,\"traceReason\":\"a step overflowed\"}", o.toString());
        JsonNumbers.requireClean(o, "test");
        o.putNull("oops");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JsonNumbers.requireClean(o, "doc"));
        assertTrue(e.getMessage().contains("/oops"), e.getMessage());
        assertEquals("/a/1", JsonNumbers.firstUnclean(JSON.createObjectNode().set("a", JSON.createArrayNode().add(1).add(Double.NaN)), ""));
    }

    private Path model(String json) throws IOException {
        Path p = dir.resolve("model.json");
        Files.writeString(p, json);
        return p;
    }

    private Path newData() throws IOException {
        Path p = dir.resolve("new.csv");
        Files.writeString(p, "node,y,x1\na,1,2\na,2,3\nb,1,1\n");
        return p;
    }

    /** Every invalid model is exit 6 naming the model file and the JSON field; never a Java exception's text. */
    private void invalidModel(String json, String... fragments) throws IOException {
        Path m = model(json);
        Path out = dir.resolve("pred.csv");
        FitCliHarness.Result r = FitCliHarness.run("predict", "--model", m.toString(), "--data", newData().toString(),
                "--out", out.toString());
        assertEquals(ExitCode.SPEC.code(), r.code(), json + "\n" + r.err());
        assertTrue(r.err().contains(m.toString()), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' missing: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out), "no predictions written");
    }

    private static String compact(String features, String intercept, String components) {
        return "{\"features\": " + features + ", \"intercept\": " + intercept + ", \"components\": " + components + "}";
    }

    @Test
    void predictValidatesTheModelFully() throws IOException {
        String two = "[{\"weight\": 0.9, \"sigma2\": 1, \"beta\": [1]}, {\"weight\": 0.9, \"sigma2\": 1, \"beta\": [-1]}]";
        invalidModel(compact("[\"x1\"]", "false", two), "weights sum to 1.8");
        invalidModel(compact("[\"x1\", \"x1\"]", "false", "[{\"weight\": 1, \"sigma2\": 1, \"beta\": [1, 2]}]"), "'x1' is listed twice");
        invalidModel(compact("[\"x1\"]", "false", "[{\"weight\": \"abc\", \"sigma2\": 1, \"beta\": [1]}]"),
                "components[0].weight must be a number", "abc");
        invalidModel(compact("\"x1\"", "false", "[]"), "features must be an array");
        invalidModel(compact("[\"x1\"]", "\"yes\"", "[]"), "intercept must be true or false");
        invalidModel(compact("[\"x1\"]", "false", "{\"weight\": 1}"), "components must be an array");
        invalidModel(compact("[\"x1\"]", "false", "[{\"weight\": 1, \"sigma2\": 1, \"beta\": [\"big\"]}]"), "components[0].beta[0] must be a number");
        invalidModel(compact("[\"x1\"]", "false", "[{\"weight\": 1, \"beta\": [1]}]"), "missing field components[0].sigma2");
        invalidModel(compact("[\"x1\"]", "false", "[{\"weight\": 1, \"sigma2\": 0, \"beta\": [1]}]"), "sigma2 must be > 0");
        invalidModel(compact("[\"x1\"]", "false", "[{\"weight\": 1.5, \"sigma2\": 1, \"beta\": [1]}]"), "weight must be in (0, 1]");
        invalidModel("[1, 2]", "expected a JSON object");
        invalidModel("{\"model\": 3}", "model must be an object");
        invalidModel("{\"estimates\": {\"components\": [{}]}, \"input\": {\"columns\": []}, \"model\": {\"intercept\": false}}",
                "input.columns must be an object");
    }

    /** A finite coefficient of 1e308 still overflows on x = 2: refused naming the component, nothing written. */
    @Test
    void predictionsThatOverflowAreRefused() throws IOException {
        invalidModel(compact("[\"x1\"]", "false", "[{\"weight\": 1, \"sigma2\": 1, \"beta\": [1e308]}]"),
                "component 1 predicts", "components[0].beta");
    }

    /** summary.csv: an empty cell where a quantity does not exist, never NaN or Infinity. */
    @Test
    void summariesOfRunsThatNeverReachTheTargetHoldNoNaN() throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, "name: s\naxes:\n  m: 20\n  n: 5\n  d: 2\nstopping:\n  max_iter: 2\n  target: 1e-9\n");
        Path out = dir.resolve("o");
        assertEquals(0, FitCliHarness.run("sweep", spec.toString(), "--out", out.toString(), "--backend", "cpu").code());
        FitCliHarness.Result r = FitCliHarness.run("summarize", out.toString());
        assertEquals(0, r.code(), r.err());
        String csv = Files.readString(out.resolve("summary.csv"));
        assertFalse(csv.contains("NaN") || csv.contains("Infinity"), csv);
        assertTrue(csv.lines().skip(1).allMatch(l -> l.contains(",,")), "iteration quartiles are empty cells: " + csv);
    }

    /** A failed run's line has no final error and no traces (each with its reason): summarised as a failure, plotted without it. */
    @Test
    void aFailedRunIsSummarisedAsAFailureWithoutANumber() throws Exception {
        Path res = Files.createDirectories(dir.resolve("res"));
        StringBuilder lines = new StringBuilder();
        for (int rep = 0; rep < 3; rep++) {
            boolean failed = rep == 1;
            io.github.cmlr.sweep.ResultRecord r = new io.github.cmlr.sweep.ResultRecord("m=10 algorithm=clustered rep=" + rep, "t",
                    10, 5, 2, 1, 4, null, 0.1, "clustered", "symmetric", 2, rep, 1, 2, "cpu", 0.05, 20, failed ? 0 : 3,
                    failed ? null : 2, failed ? Double.NaN : 0.01 * (rep + 1), failed ? "FAILED" : "TARGET_ERROR",
                    failed ? "failed: X^T X is singular" : "ok", failed ? new double[] {Double.NaN} : new double[] {0.5, 0.1, 0.04, 0.01 * (rep + 1)},
                    failed ? new double[] {Double.NaN} : new double[] {-3, -2, -1.5, -1.4}, 1.0, "dev", "x");
            lines.append(new String(io.github.cmlr.sweep.ResultLines.encode(r), java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.writeString(res.resolve("runs.jsonl"), lines.toString());
        assertFalse(lines.toString().contains("NaN") || lines.toString().contains("null"), lines.toString());
        FitCliHarness.Result r = FitCliHarness.run("summarize", res.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(res.resolve("summary.csv"));
        List<String> head = List.of(csv.get(0).split(","));
        String[] row = csv.get(1).split(",", -1);
        assertEquals("3", row[head.indexOf("runs")]);
        assertEquals("1", row[head.indexOf("failures")]);
        assertEquals(0.02, Double.parseDouble(row[head.indexOf("error_median")]), 1e-12, "the median of the two runs that have an error");
        assertFalse(String.join("\n", csv).contains("NaN"));
    }
}
