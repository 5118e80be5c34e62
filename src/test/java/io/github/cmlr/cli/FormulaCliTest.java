package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit --formula and predict from its report, on R data frames (src/test/resources/rdata). */
class FormulaCliTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(FormulaCliTest.class.getResource("/rdata/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void ungroupedFitPredictsItsOwnPosteriorsAndKeepsColumns() throws IOException {
        Path report = dir.resolve("r.json");
        Path post = dir.resolve("post.csv");
        CliRun fit = run("fit", resource("npreg.csv").toString(), "--formula", "yn ~ x + I(x^2)", "--k", "2", "--backend", "cpu",
                "--quiet", "--out", report.toString(), "--posteriors", post.toString(), "--keep-cols", "class", "--summary");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("Estimate   Std. Error  z value   Pr(>|z|)"), fit.out());
        assertTrue(fit.out().contains("I(x^2)") && fit.out().contains("ICL:"), fit.out());
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertEquals("yn ~ x + I(x^2)", r.get("input").get("formula").asText());
        // no node column: absent with its reason (never a bare null in a report)
        assertTrue(!r.get("input").get("columns").has("node") && r.get("input").get("columns").has("nodeReason"));
        assertTrue(r.get("standardErrors").get("available").asBoolean());

        Path pred = dir.resolve("pred.csv");
        CliRun p = run("predict", "--model", report.toString(), "--data", resource("npreg.csv").toString(), "--out", pred.toString(),
                "--keep-cols", "class");
        assertEquals(0, p.code(), p.err());
        List<String> fitted = Files.readAllLines(post);
        List<String> predicted = Files.readAllLines(pred);
        assertEquals("node,class,p1,p2,component", fitted.get(0));
        assertEquals("node,row,class,component,p1,p2,yhat,yhat1,yhat2", predicted.get(0));
        assertEquals(201, predicted.size());
        for (int i = 1; i <= 200; i++) {
            String[] a = fitted.get(i).split(",");
            String[] b = predicted.get(i).split(",");
            assertEquals(a[0], b[0]);
            assertEquals(String.valueOf(i), b[1], "row is the data row");
            assertEquals(a[1], b[2], "kept column");
            // one node per row: predict's posterior of a row is the fit's
            assertEquals(Double.parseDouble(a[2]), Double.parseDouble(b[4]), 1e-9);
            assertEquals(a[4], b[3], "component");
        }
    }

    @Test
    void factorLevelUnseenAtPredictTimeIsAClearError() throws IOException {
        Path report = dir.resolve("r.json");
        CliRun fit = run("fit", resource("exam.csv").toString(), "--formula", "normexam ~ standLRT + sex + intake | school", "--k", "2",
                "--starts", "2", "--se", "none", "--backend", "cpu", "--quiet", "--out", report.toString());
        assertEquals(0, fit.code(), fit.err());
        JsonNode levels = new ObjectMapper().readTree(report.toFile()).get("input").get("levels");
        assertEquals("[\"bottom 25%\",\"mid 50%\",\"top 25%\"]", levels.get("intake").toString());
        Path data = Files.writeString(dir.resolve("new.csv"), "school,normexam,standLRT,sex,intake\n1,0.5,0.1,F,top 25%\n"
                + "1,0.2,0.3,X,mid 50%\n");
        CliRun p = run("predict", "--model", report.toString(), "--data", data.toString(), "--out", dir.resolve("p.csv").toString());
        assertEquals(ExitCode.DATA_FORMAT.code(), p.code(), p.err());
        assertTrue(p.err().contains("new.csv: line 3, column 4 ('sex'): level 'X' is not one of the model's levels [F, M]"), p.err());
    }

    /**
     * A numeric column with one stray text cell becomes a factor, as in R; the fit says so among its
     * warnings, and when the factor leaves too few rows for its coefficients the error says it too.
     */
    @Test
    void aNumericColumnWithAStrayTextCellIsNamedInTheWarningsAndInTheError() throws IOException {
        Path dose = Files.writeString(dir.resolve("dose.csv"), groupedRows(7, "2 mg", 3));
        Path report = dir.resolve("r.json");
        CliRun fit = run("fit", dose.toString(), "--formula", "y ~ x + dose | g", "--k", "1", "--se", "none", "--backend", "cpu",
                "--quiet", "--out", report.toString());
        assertEquals(0, fit.code(), fit.err());
        String note = "column 'dose' is read as a factor (4 levels) although 59 of its 60 complete cells are numbers: 1 is not,"
                + " the first at line 9: '2 mg'; if 'dose' is numeric, correct that cell";
        assertEquals("[\"" + note + "\"]", new ObjectMapper().readTree(report.toFile()).get("warnings").toString());
        // a continuous column: 60 levels, more coefficients than rows
        Path x = Files.writeString(dir.resolve("x.csv"), groupedRows(30, "0.3x", 0));
        CliRun tooMany = run("fit", x.toString(), "--formula", "y ~ dose + x | g", "--k", "1", "--se", "none", "--backend", "cpu",
                "--quiet");
        assertEquals(ExitCode.DATA_INSUFFICIENT.code(), tooMany.code(), tooMany.err());
        assertTrue(tooMany.err().contains("cannot determine") && tooMany.err().contains("column 'x' is read as a factor (60 levels)"
                + " although 59 of its 60 complete cells are numbers: 1 is not, the first at line 32: '0.3x'"), tooMany.err());
    }

    /**
     * 60 rows g,y,x,dose in 10 groups; row {@code bad} holds {@code text} in dose (when doseLevels
     * > 0: dose cycles through 1..doseLevels, x is continuous) or in x (doseLevels = 0: dose is
     * continuous too).
     */
    private static String groupedRows(int bad, String text, int doseLevels) {
        StringBuilder b = new StringBuilder("g,y,x,dose\n");
        for (int r = 0; r < 60; r++) {
            String x = doseLevels == 0 && r == bad ? text : Double.toString(Math.cos(r));
            String d = doseLevels == 0 ? Double.toString(Math.sin(3 * r)) : r == bad ? text : Integer.toString(1 + r % doseLevels);
            b.append("n").append(r / 6).append(',').append(Math.sin(r)).append(',').append(x).append(',').append(d).append('\n');
        }
        return b.toString();
    }

    /** The group after '|' used again in the model (a term, the response, shared terms) is a usage error, not a crash. */
    @Test
    void theGroupAsAVariableOfTheModelIsAUsageError() throws IOException {
        Path data = Files.writeString(dir.resolve("g.csv"), groupedRows(7, "1", 3));
        String[][] cases = {{"--formula", "y ~ x + g | g"}, {"--formula", "y ~ x + x:factor(g) | g"}, {"--formula", "g ~ x | g"},
            {"--formula", "y ~ x | g", "--fixed", "~ factor(g)"}};
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("fit", data.toString(), "--k", "2", "--se", "none", "--backend",
                    "cpu", "--quiet"));
            args.addAll(List.of(c));
            CliRun r = run(args.toArray(new String[0]));
            assertEquals(ExitCode.USAGE.code(), r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().contains("the grouping column 'g' (after '|') cannot also be a variable of the model")
                    && !r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void droppedRowsAreReportedAndFormulaConflictsAreUsageErrors() throws IOException {
        CliRun fit = run("fit", resource("airquality.csv").toString(), "--formula", "log(Ozone) ~ Temp + Wind", "--backend", "cpu",
                "--quiet");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.err().contains("37 rows with missing values dropped (Ozone: 37)"), fit.err());
        assertTrue(fit.out().contains("116 rows, one node per row, 37 rows with missing values dropped"), fit.out());
        CliRun bad = run("fit", resource("airquality.csv").toString(), "--formula", "Ozone ~ Temp", "--x-cols", "Wind", "--quiet");
        assertEquals(ExitCode.USAGE.code(), bad.code());
        assertTrue(bad.err().contains("leave out --y-col, --x-cols"), bad.err());
        CliRun syntax = run("fit", resource("airquality.csv").toString(), "--formula", "Ozone ~ Temp +", "--quiet");
        assertEquals(ExitCode.USAGE.code(), syntax.code());
        assertTrue(syntax.err().contains("--formula: formula 'Ozone ~ Temp +': a term is missing"), syntax.err());
    }
}
