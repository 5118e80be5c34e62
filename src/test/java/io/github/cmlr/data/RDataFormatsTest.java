package io.github.cmlr.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.data.formula.Formula;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Progress;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R's airquality (153 rows, NA in Ozone and Solar.R) as R writes it: write.csv with and without
 * row names, write.csv2 (';' and decimal commas) and TSV, all read to the same statistics, with
 * incomplete rows dropped as R's na.omit drops them.
 */
class RDataFormatsTest {
    private static final List<String> FILES = List.of("airquality.csv", "airquality_norownames.csv", "airquality_csv2.csv",
            "airquality.tsv");

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(RDataFormatsTest.class.getResource("/rdata/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CsvReader.StatsResult read(String file, CsvOptions options) {
        return CsvReader.readNodeStats(resource(file), options, Progress.none());
    }

    @Test
    void everyLayoutGivesTheSameStatistics() {
        CsvOptions formula = CsvOptions.of(Formula.parse("Ozone ~ Temp + Wind | Month"));
        CsvOptions plain = new CsvOptions("Month", "Ozone", List.of("Temp", "Wind"), null, true);
        CsvReader.StatsResult reference = read(FILES.get(0), plain);
        for (String f : FILES) {
            for (CsvOptions o : List.of(formula, plain)) {
                CsvReader.StatsResult r = read(f, o);
                assertEquals(116, r.info().rows(), f);
                assertEquals(37, r.info().missing().rows(), f);
                assertEquals(Map.of("Ozone", 37L), r.info().missing().byColumn(), f);
                assertSame(reference.stats(), r.stats(), f);
            }
        }
        assertEquals(';', read("airquality_csv2.csv", plain).info().separator());
        assertEquals('\t', read("airquality.tsv", plain).info().separator());
        assertEquals(List.of("(Intercept)", "Temp", "Wind"), read(FILES.get(0), formula).info().featureNames());
    }

    private static void assertSame(NodeStats a, NodeStats b, String file) {
        assertArrayEquals(a.counts(), b.counts(), file);
        assertArrayEquals(a.gram(), b.gram(), 1e-9, file);
        assertArrayEquals(a.xty(), b.xty(), 1e-9, file);
        assertArrayEquals(a.yty(), b.yty(), 1e-9, file);
    }

    @Test
    void rowNamesAreNeverADefaultFeature() {
        CsvOptions all = new CsvOptions("Month", "Ozone", null, null, false);
        CsvReader.StatsResult r = read("airquality.csv", all);
        assertEquals(List.of("Solar.R", "Wind", "Temp", "Day"), r.info().featureNames());
        // a row is dropped only for the columns used: Ozone 37, Solar.R 7, 42 rows in all
        assertEquals(42, r.info().missing().rows());
        assertEquals(Map.of("Ozone", 37L, "Solar.R", 7L), r.info().missing().byColumn());
        assertEquals(r.info().featureNames(), read("airquality_norownames.csv", all).info().featureNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"airquality.csv", "airquality_csv2.csv", "airquality.tsv"})
    void failNamesTheFirstMissingCell(String file) {
        String column = file.endsWith(".tsv") ? "column 1" : "column 2";
        for (CsvOptions o : List.of(CsvOptions.of(Formula.parse("Ozone ~ Temp | Month")),
                new CsvOptions("Month", "Ozone", List.of("Temp"), null, false))) {
            CmlrException e = assertThrows(CmlrException.class, () -> read(file, o.withMissing(CsvOptions.MissingPolicy.FAIL)));
            assertEquals(ExitCode.DATA_FORMAT, e.exitCode());
            assertTrue(e.getMessage().contains(file + ": line 6, " + column + " ('Ozone'): missing value 'NA'"), e.getMessage());
        }
    }

    @Test
    void ungroupedFormulaMakesOneNodePerRowNamedByItsDataRow() {
        CsvReader.StatsResult r = read("airquality.csv", CsvOptions.of(Formula.parse("Ozone ~ Temp")));
        assertEquals(116, r.stats().nodes());
        assertEquals("1", r.stats().nodeId(0));
        assertEquals("6", r.stats().nodeId(4)); // rows 5 (NA Ozone) is dropped; ids keep the file's rows
    }

    @Test
    void factorsFromTextColumnsAndUnseenLevels() throws IOException {
        Path f = Files.writeString(dir.resolve("f.csv"), "\"\",y,x,job,g\n\"1\",1,2,white,a\n\"2\",2,3,blue,a\n\"3\",3,1,white,b\n"
                + "\"4\",NA,1,pink,b\n\"5\",1,1,,b\n");
        CsvOptions o = CsvOptions.of(Formula.parse("y ~ x + job | g"));
        CsvReader.StatsResult r = CsvReader.readNodeStats(f, o, Progress.none());
        assertEquals(List.of("(Intercept)", "x", "jobwhite"), r.info().featureNames());
        assertEquals(Map.of("y", 1L, "job", 1L), r.info().missing().byColumn());
        // the levels of the complete rows only: 'pink' is on a dropped row
        assertEquals(Map.of("job", List.of("blue", "white")),
                r.info().columns().design().levels());
        Path g = Files.writeString(dir.resolve("g.csv"), "y,x,job,g\n1,2,white,a\n2,2,pink,b\n");
        CmlrException e = assertThrows(CmlrException.class, () -> CsvReader.readNodeStats(g,
                o.withLevels(Map.of("job", List.of("blue", "white"))), Progress.none()));
        assertTrue(e.getMessage().contains("line 3, column 3 ('job'): level 'pink' is not one of the model's levels [blue, white]"),
                e.getMessage());
    }
    /**
     * A formula's column read as a factor although most of its complete cells are numbers (a typo,
     * a unit) is named with its first non-numeric cell and line; a real text factor, a column asked
     * for as factor(...), and a numeric column get no note. The factor is what R makes of it.
     */
    @Test
    void aMostlyNumericColumnReadAsAFactorIsNamedWithItsFirstTextCell() throws IOException {
        StringBuilder b = new StringBuilder("g,y,dose,job\n");
        String[] jobs = {"white", "blue", "pink"};
        for (int r = 0; r < 30; r++) {
            String dose = r == 0 ? "2 mg" : r == 20 ? "3mg" : Integer.toString(1 + r % 3); // the first cell: still counted
            b.append("n").append(r / 5).append(',').append(r * 0.5).append(',').append(dose).append(',').append(jobs[r % 3]).append('\n');
        }
        b.append("n9,NA,x,white\n"); // an incomplete row: not counted
        Path f = Files.writeString(dir.resolve("dose.csv"), b);
        CsvColumns cols = CsvReader.readNodeStats(f, CsvOptions.of(Formula.parse("y ~ dose + job | g")), Progress.none())
                .info().columns();
        assertEquals(List.of("column 'dose' is read as a factor (5 levels) although 28 of its 30 complete cells are numbers: 2 are"
                + " not, the first at line 2: '2 mg'; if 'dose' is numeric, correct those cells"), cols.notes());
        assertEquals(List.of(), CsvReader.readNodeStats(f, CsvOptions.of(Formula.parse("y ~ factor(dose) + job | g")), Progress.none())
                .info().columns().notes());
        Path clean = Files.writeString(dir.resolve("clean.csv"), b.toString().replace("2 mg", "2").replace("3mg", "3"));
        assertEquals(List.of(), CsvReader.readNodeStats(clean, CsvOptions.of(Formula.parse("y ~ dose + job | g")), Progress.none())
                .info().columns().notes());
    }
}
