package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.data.CsvWriter;
import io.github.cmlr.em.selection.SpuriousSolutionTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A choice of K through a spurious component is said on stderr, not only in the report. */
class SpuriousWarningTest {
    @TempDir
    Path dir;

    @Test
    void stderrSaysSo() {
        Path data = dir.resolve("near-exact.csv");
        CsvWriter.write(SpuriousSolutionTest.nearExactGroup(), data, false);
        FitCliHarness.Result off = FitCliHarness.run("fit", data.toString(), "--backend", "cpu", "--k", "1..3", "--starts",
                "100", "--se", "none", "--min-variance-ratio", "0", "--min-rows-per-parameter", "0", "--out",
                dir.resolve("off.json").toString());
        assertEquals(0, off.code(), off.err());
        assertTrue(off.err().contains("K = 3 was chosen by BIC through 1 component(s) that may be spurious"), off.err());
        assertTrue(off.err().contains("owns a single node (node '1', 4 rows"), off.err());
        FitCliHarness.Result on = FitCliHarness.run("fit", data.toString(), "--backend", "cpu", "--k", "1..3", "--starts",
                "100", "--se", "none", "--out", dir.resolve("on.json").toString());
        assertEquals(0, on.code(), on.err());
        assertFalse(on.err().contains("may be spurious"), on.err());
    }
}
