package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.data.CsvWriter;
import io.github.cmlr.flexmix.GroupedSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: the planted degenerate case (a component owning two one-row nodes) gives the
 * documented report from the command line: each warning names the component (from 1, as in
 * the estimates) and the action, in {@code warnings} and in that K's row of {@code selection},
 * and nothing in the report is NaN.
 */
class DegenerateReportTest {
    private static final Pattern WARNING = Pattern.compile("component (\\d): (.+) at iteration \\d+; (.+)");
    /** The spurious-solution check's sentences (a one-node component, a variance at the bound). */
    private static final Pattern SPURIOUS = Pattern.compile("component \\d+( owns a single node|: variance )");

    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void writeData() {
        csv = dir.resolve("planted.csv"); // x1 is the intercept column of the generator
        CsvWriter.write(GroupedSample.plantedTwoNodeComponent(), csv, false);
    }

    private static JsonNode fit(String name, String... options) throws IOException {
        Path out = dir.resolve(name + ".json");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fit", csv.toString(), "--backend", "cpu",
                "--starts", "5", "--quiet", "--out", out.toString()));
        args.addAll(java.util.List.of(options));
        FitCliHarness.Result r = FitCliHarness.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(out);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        return new ObjectMapper().readTree(text);
    }

    private static JsonNode chosenRow(JsonNode report) {
        for (JsonNode row : report.at("/selection/table")) if (row.get("chosen").asBoolean()) return row;
        throw new AssertionError("no chosen row");
    }

    /** Floor keeps the planted component: the warning names the component whose intercept is ~40. */
    @Test
    void floorKeepsThePlantedComponentAndNamesIt() throws IOException {
        JsonNode report = fit("floor", "--k", "3", "--on-degenerate", "floor");
        JsonNode warnings = report.get("warnings");
        // the EM's warning (too few rows for the default bound, singular equations), then the
        // spurious-solution check's: the floored component's variance sits at the variance-ratio bound
        assertEquals(2, warnings.size(), warnings.toString());
        Matcher m = WARNING.matcher(warnings.get(0).asText());
        assertTrue(m.matches(), warnings.toString());
        assertTrue(m.group(2).startsWith("expected rows 2.00 below 8.00"), m.group(2));
        assertTrue(m.group(2).contains("weighted normal equations are singular"), m.group(2));
        assertEquals("kept with floored weight/variance or ridged equations (policy floor)", m.group(3));
        assertTrue(warnings.get(1).asText().startsWith("component " + m.group(1) + ": variance "), warnings.toString());
        assertTrue(warnings.get(1).asText().contains("at the bound minVarianceRatio"), warnings.toString());
        JsonNode named = report.at("/estimates/components/" + (Integer.parseInt(m.group(1)) - 1));
        assertEquals(Integer.parseInt(m.group(1)), named.get("component").asInt());
        assertEquals(40, named.at("/coefficients/x1").asDouble(), 1.0, "the planted component: " + named);
        assertEquals(2.0 / 62, named.get("weight").asDouble(), 1e-3, "it owns 2 of 62 nodes");
        assertEquals(warnings, chosenRow(report).get("warnings"));
    }

    @Test
    void stopReportsTheComponentAndTheReason() throws IOException {
        JsonNode report = fit("stop", "--k", "3", "--on-degenerate", "stop");
        assertEquals("degenerate", report.at("/fit/stopReason").asText());
        assertFalse(report.at("/fit/converged").asBoolean());
        JsonNode warnings = report.get("warnings");
        assertTrue(warnings.size() == 1 || warnings.get(1).asText().matches("only 1 of \\d+ starts.*"), warnings.toString());
        Matcher m = WARNING.matcher(warnings.get(0).asText());
        assertTrue(m.matches(), warnings.toString());
        assertEquals("stopped with the previous parameters (policy stop)", m.group(3));
        assertEquals(3, report.at("/estimates/components").size());
        assertEquals(warnings, chosenRow(report).get("warnings"));
    }

    /**
     * Drop (the default) over K = 2..7: a row that lost components says which, and keeps count
     * (the data support three components, so the larger K lose some).
     */
    @Test
    void dropNamesEveryDroppedComponentInItsSelectionRow() throws IOException {
        JsonNode report = fit("drop", "--k", "2..7");
        int rowsWithDrops = 0;
        for (JsonNode row : report.at("/selection/table")) {
            int dropped = 0;
            for (JsonNode w : row.get("warnings")) {
                if (w.asText().startsWith("only 1 of ")) continue; // the starts' trust warning names no component
                if (SPURIOUS.matcher(w.asText()).lookingAt()) continue; // the spurious-solution check's, no EM action
                Matcher m = WARNING.matcher(w.asText());
                assertTrue(m.matches(), w.asText());
                int c = Integer.parseInt(m.group(1));
                assertTrue(c >= 1 && c <= row.get("k").asInt(), w.asText());
                if (m.group(3).equals("dropped (policy drop)")) dropped++;
            }
            assertEquals(row.get("k").asInt() - dropped, row.get("componentsKept").asInt(), row.toString());
            if (dropped > 0) rowsWithDrops++;
        }
        assertTrue(rowsWithDrops > 0, "some K loses a component on this data: " + report.at("/selection/table"));
        assertEquals(report.get("warnings"), chosenRow(report).get("warnings"));
    }

    /** Drop at K = 4: the chosen fit keeps all four, and the starts that lost some say so in their kind. */
    @Test
    void startsThatDroppedAComponentAreNamedInTheReport() throws IOException {
        JsonNode report = fit("drop4", "--k", "4");
        assertEquals(4, report.at("/estimates/components").size());
        int dropping = 0;
        for (JsonNode kind : report.at("/starts/kinds")) if (kind.asText().matches(".*\\(kept [123] of 4 components\\)")) dropping++;
        assertTrue(dropping > 0, "some start loses the planted component: " + report.at("/starts"));
        assertTrue(dropping < report.at("/starts/kinds").size(), report.at("/starts").toString());
    }
}
