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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fit --fixed (coefficients shared by all components) from the command line: the report's shared
 * sections, predict from that report, every invalid use a usage error naming the option, and
 * factor levels that new data bring but the model lacks, for text columns and factor(number).
 */
class FixedCliTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String exam() {
        return FormulaCliTest.resource("exam.csv").toString();
    }

    @Test
    void groupedFitReportsSharedCoefficientsAndPredictsItsOwnPosteriors() throws IOException {
        Path report = dir.resolve("r.json");
        Path post = dir.resolve("post.csv");
        CliRun fit = run("fit", exam(), "--formula", "normexam ~ standLRT | school", "--fixed", "~ sex + intake", "--k", "2",
                "--starts", "5", "--backend", "cpu", "--quiet", "--out", report.toString(), "--posteriors", post.toString(),
                "--summary");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("Fixed: ~ sex + intake (shared by all components, listed in each: sexM, intakemid 50%,"
                + " intaketop 25%)"), fit.out());
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertEquals("~ sex + intake", r.get("input").get("fixed").asText());
        assertEquals("[\"sexM\",\"intakemid 50%\",\"intaketop 25%\"]", r.get("input").get("sharedCoefficients").toString());
        assertEquals(10, r.get("fit").get("parameters").asInt(), "3 shared + 2 x 2 varying + 2 sigmas + 1 weight");
        JsonNode shared = r.get("estimates").get("shared");
        for (JsonNode c : r.get("estimates").get("components")) {
            assertEquals(shared.get("sexM").asDouble(), c.get("coefficients").get("sexM").asDouble(), 0.0);
        }
        JsonNode se = r.get("standardErrors").get("shared");
        double z = shared.get("sexM").asDouble() / se.get("coefficients").get("sexM").asDouble();
        assertEquals(z, se.get("z").get("sexM").asDouble(), 1e-12 * Math.abs(z));
        assertTrue(se.get("p").get("sexM").asDouble() < 1e-6, "sex matters in Exam (z about -6)");

        Path pred = dir.resolve("pred.csv");
        CliRun p = run("predict", "--model", report.toString(), "--data", exam(), "--out", pred.toString());
        assertEquals(0, p.code(), p.err());
        Map<String, String> fitted = new HashMap<>();
        for (String line : Files.readAllLines(post).subList(1, 66)) fitted.put(line.split(",")[0], line.split(",")[1]);
        List<String> predicted = Files.readAllLines(pred);
        assertEquals(4060, predicted.size());
        for (String line : predicted.subList(1, predicted.size())) {
            String[] b = line.split(",");
            String node = b[0].replace("\"", "");
            assertEquals(Double.parseDouble(fitted.get(node)), Double.parseDouble(b[3]), 1e-9, "school " + node);
        }
    }

    @Test
    void invalidSharedTermsAreUsageErrorsNamingTheOption() {
        String[][] cases = {
            {"~ standLRT", "--fixed: shared terms '~ standLRT': term standLRT is already in the formula"},
            {"sex ~ intake", "--fixed: shared terms 'sex ~ intake': write them one-sided, as ~ x3"},
            {"~ sex +", "--fixed: formula '~ sex +': a term is missing"},
            {"~ 0 + sex", "shared terms cannot remove the intercept"},
            {"~ 1 + sex", "the intercept varies by component in 'normexam ~ standLRT | school'; to share it, remove it there"},
            {"~ nosuch", "no column named 'nosuch'"},
        };
        for (String[] c : cases) {
            CliRun bad = run("fit", exam(), "--formula", "normexam ~ standLRT | school", "--fixed", c[0], "--backend", "cpu", "--quiet");
            int expected = c[0].equals("~ nosuch") ? ExitCode.DATA_FORMAT.code() : ExitCode.USAGE.code();
            assertEquals(expected, bad.code(), c[0] + ": " + bad.err());
            assertTrue(bad.err().contains(c[1]), c[0] + ": " + bad.err());
        }
        CliRun noFormula = run("fit", exam(), "--node-col", "school", "--y-col", "normexam", "--x-cols", "standLRT", "--fixed", "~ standLRT",
                "--backend", "cpu", "--quiet");
        assertEquals(ExitCode.USAGE.code(), noFormula.code(), noFormula.err());
        assertTrue(noFormula.err().contains("--fixed needs data read with a --formula"), noFormula.err());
        CliRun symmetric = run("fit", exam(), "--formula", "normexam ~ standLRT | school", "--fixed", "~ sex", "--model", "symmetric",
                "--sigma", "1", "--quiet");
        assertEquals(ExitCode.USAGE.code(), symmetric.code(), symmetric.err());
        assertTrue(symmetric.err().contains("--fixed (coefficients shared by all components) applies to --model mixture"),
                symmetric.err());
    }

    @Test
    void levelsUnseenAtPredictTimeAreClearErrorsForTextAndNumericFactors() throws IOException {
        Path npreg = FormulaCliTest.resource("npreg.csv");
        Path report = dir.resolve("r.json");
        CliRun fit = run("fit", npreg.toString(), "--formula", "yn ~ x", "--fixed", "~ factor(class)", "--k", "2", "--starts", "3",
                "--backend", "cpu", "--quiet", "--out", report.toString());
        assertEquals(0, fit.code(), fit.err());
        assertEquals("[\"factor(class)2\"]", new ObjectMapper().readTree(report.toFile()).get("input").get("sharedCoefficients").toString());
        Path fresh = Files.writeString(dir.resolve("new.csv"), "\"\",\"x\",\"yn\",\"class\"\n\"1\",1.5,10,2\n\"2\",2.5,12,3\n");
        CliRun p = run("predict", "--model", report.toString(), "--data", fresh.toString(), "--out", dir.resolve("p.csv").toString());
        assertEquals(ExitCode.DATA_FORMAT.code(), p.code(), p.err());
        assertTrue(p.err().contains("new.csv: line 3, column 4 ('class'): value '3': the value of factor(class) is not one of its"
                + " levels [1, 2]"), p.err());
        assertFalse(Files.exists(dir.resolve("p.csv")), "no partial output");

        Path examReport = dir.resolve("e.json");
        CliRun exam = run("fit", exam(), "--formula", "normexam ~ standLRT | school", "--fixed", "~ sex", "--k", "2", "--starts", "2",
                "--se", "none", "--backend", "cpu", "--quiet", "--out", examReport.toString());
        assertEquals(0, exam.code(), exam.err());
        Path text = Files.writeString(dir.resolve("text.csv"), "school,normexam,standLRT,sex,intake\n1,0.5,0.1,F,top 25%\n"
                + "1,0.2,0.3,X,mid 50%\n");
        CliRun q = run("predict", "--model", examReport.toString(), "--data", text.toString(), "--out", dir.resolve("q.csv").toString());
        assertEquals(ExitCode.DATA_FORMAT.code(), q.code(), q.err());
        assertTrue(q.err().contains("text.csv: line 3, column 4 ('sex'): level 'X' is not one of the model's levels [F, M]"), q.err());
    }
}
