package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit --concomitant: the summary table, the report section, posteriors and predict, and the exit codes of bad input. */
class ConcomitantCliTest {
    private static final String EXAM = FormulaCliTest.resource("exam_school.csv").toString();
    private static final String FORMULA = "normexam ~ standLRT | school";

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void fitReportsTheConcomitantModelAndPredictUsesIt() throws IOException {
        Path report = dir.resolve("r.json");
        Path post = dir.resolve("post.csv");
        CliRun fit = run("fit", EXAM, "--formula", FORMULA, "--concomitant", "~ schavg + schgend", "--k", "2", "--backend", "cpu",
                "--quiet", "--out", report.toString(), "--posteriors", post.toString(), "--summary");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("Concomitant model: ~ schavg + schgend"), fit.out());
        assertTrue(fit.out().contains("schgendmixed") && fit.out().contains("(df=10)"), fit.out());
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        JsonNode c = r.get("concomitant");
        assertEquals(List.of("(Intercept)", "schavg", "schgendgirls", "schgendmixed"),
                new ObjectMapper().convertValue(c.get("terms"), List.class));
        assertEquals(1, c.get("components").size());
        JsonNode comp2 = c.get("components").get(0);
        double est = comp2.get("coefficients").get("schavg").asDouble();
        double se = comp2.get("standardErrors").get("schavg").asDouble();
        assertEquals(est / se, comp2.get("z").get("schavg").asDouble(), 1e-12);
        assertEquals(10, r.get("fit").get("parameters").asInt());
        assertTrue(r.get("standardErrors").get("parameterisation").asText().contains("gamma_k"), r.get("standardErrors").toString());
        // posteriors hold only what was asked: no covariate columns carried through
        assertEquals("node,p1,p2,component", Files.readAllLines(post).get(0));

        Path pred = dir.resolve("pred.csv");
        CliRun p = run("predict", "--model", report.toString(), "--data", EXAM, "--out", pred.toString());
        assertEquals(0, p.code(), p.err());
        List<String> posterior = Files.readAllLines(post);
        List<String> predicted = Files.readAllLines(pred);
        String firstNode = posterior.get(1).split(",")[0];
        String[] fitted = posterior.get(1).split(",");
        String[] row = predicted.get(1).split(",");
        assertEquals(firstNode, row[0]);
        assertEquals(Double.parseDouble(fitted[1]), Double.parseDouble(row[3]), 1e-9);
    }

    @Test
    void badInputHasItsDocumentedExitCode() {
        CliRun syntax = run("fit", EXAM, "--formula", FORMULA, "--concomitant", "~ schavg +", "--backend", "cpu", "--quiet");
        assertEquals(ExitCode.USAGE.code(), syntax.code());
        assertTrue(syntax.err().contains("--concomitant") && syntax.err().contains("at character"), syntax.err());
        CliRun symmetric = run("fit", EXAM, "--formula", FORMULA, "--concomitant", "~ schavg", "--model", "symmetric", "--sigma", "1",
                "--backend", "cpu", "--quiet");
        assertEquals(ExitCode.USAGE.code(), symmetric.code());
        assertTrue(symmetric.err().contains("--concomitant") && symmetric.err().contains("--model"), symmetric.err());
        CliRun varying = run("fit", EXAM, "--formula", FORMULA, "--concomitant", "~ standLRT", "--backend", "cpu", "--quiet");
        assertEquals(ExitCode.DATA_FORMAT.code(), varying.code());
        assertTrue(varying.err().contains("'standLRT'") && varying.err().contains("node '1'"), varying.err());
        CliRun missing = run("fit", EXAM, "--formula", FORMULA, "--concomitant", "~ nosuch", "--backend", "cpu", "--quiet");
        assertEquals(ExitCode.DATA_FORMAT.code(), missing.code());
        assertFalse(missing.err().isEmpty());
    }

    @Test
    void aFactorWithOneLevelIsADataErrorNamingTheFileAndTheOption() throws IOException {
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "g,y,x,z\n1,1.0,2.0,a\n1,2.0,3.1,a\n2,0.5,1.0,a\n2,1.5,2.2,a\n3,2.5,2.0,a\n3,0.1,1.0,a\n");
        CliRun r = run("fit", one.toString(), "--formula", "y ~ x | g", "--concomitant", "~ z", "--k", "2", "--backend", "cpu",
                "--quiet");
        assertEquals(ExitCode.DATA_FORMAT.code(), r.code(), r.err());
        assertTrue(r.err().contains(one.toString()) && r.err().contains("--concomitant") && r.err().contains("one level"), r.err());
    }
}
