package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.data.CsvReader;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @TempDir
    Path dir;

    private Path simulate(String name, String threads, String... extra) {
        Path out = dir.resolve(name);
        String[] base = {"simulate", "--m", "300", "--n", "7", "--d", "3", "--sigma", "0.5", "--snr", "4", "--seed", "42",
            "--backend", "cpu", "--threads", threads, "--out", out.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        FitCliHarness.Result r = FitCliHarness.run(args);
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void sameSeedGivesIdenticalFilesWithOneAndTwoThreads() throws IOException {
        for (String ext : new String[] {".csv", ".csv.gz"}) {
            byte[] one = Files.readAllBytes(simulate("one" + ext, "1", "--labels"));
            byte[] two = Files.readAllBytes(simulate("two" + ext, "2", "--labels"));
            assertArrayEquals(one, two, ext);
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(simulate("a.csv", "1")),
                Files.readAllBytes(simulateSeed("b.csv", "43"))), "another seed gives other data");
    }

    private Path simulateSeed(String name, String seed) {
        Path out = dir.resolve(name);
        FitCliHarness.Result r = FitCliHarness.run("simulate", "--m", "300", "--n", "7", "--d", "3", "--sigma", "0.5",
                "--snr", "4", "--seed", seed, "--backend", "cpu", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void fileHoldsTheGeneratorsDatasetExactly() {
        Path out = simulate("d.csv.gz", "2", "--labels");
        Dataset read = CsvReader.readDataset(out, CsvOptions.defaults(), Progress.none()).dataset();
        Dataset expected = SyntheticGenerator.generate(SyntheticSpec.withSnr(300, 7, 3, 0.5, 4, 42), 1);
        assertTrue(read.sameNumbers(expected));
    }

    @Test
    void progressOnlyWhenAsked() {
        Path out = dir.resolve("p.csv");
        FitCliHarness.Result shown = FitCliHarness.run("simulate", "--m", "3", "--n", "2", "--d", "1", "--snr", "4",
                "--backend", "cpu", "--progress", "--out", out.toString());
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.err().contains("writing: 6 of 6 rows (100%)"), shown.err());
        FitCliHarness.Result quiet = FitCliHarness.run("simulate", "--m", "3", "--n", "2", "--d", "1", "--snr", "4",
                "--backend", "cpu", "--progress", "--quiet", "--out", out.toString());
        assertFalse(quiet.err().contains("writing"), quiet.err());
    }

    @Test
    void explicitThetaIsUsed() {
        Path out = dir.resolve("t.csv");
        FitCliHarness.Result r = FitCliHarness.run("simulate", "--m", "5", "--n", "4", "--d", "2", "--sigma", "1e-9",
                "--theta", "2,-1", "--backend", "cpu", "--out", out.toString(), "--labels");
        assertEquals(0, r.code(), r.err());
        Dataset data = CsvReader.readDataset(out, CsvOptions.defaults(), Progress.none()).dataset();
        for (int j = 0; j < data.nodes(); j++) {
            double xi = data.trueLabels()[j] == 0 ? 1 : -1;
            for (int row = data.nodeOffset(j); row < data.nodeOffset(j + 1); row++) {
                double fit = xi * (2 * data.x()[2 * row] - data.x()[2 * row + 1]);
                assertEquals(fit, data.y()[row], 1e-6);
            }
        }
    }

    @Test
    void badParametersAreUsageErrorsNamingTheOption() throws IOException {
        String out = dir.resolve("x.csv").toString();
        String[][] cases = {
            {"--m", "0", "--n", "2", "--d", "1", "--snr", "4", "--out", out},
            {"--m", "2", "--n", "2", "--d", "2", "--theta", "1,2,3", "--out", out},
            {"--m", "2", "--n", "2", "--d", "1", "--snr", "4", "--theta", "1", "--out", out},
            {"--m", "2", "--n", "2", "--d", "1", "--snr", "4", "--sigma", "-1", "--out", out},
        };
        String[] named = {"--m", "--theta", "--snr", "--sigma"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 1];
            args[0] = "simulate";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            FitCliHarness.Result r = FitCliHarness.run(args);
            assertEquals(ExitCode.USAGE.code(), r.code(), r.err());
            assertTrue(r.err().contains(named[i]), r.err());
        }
        assertEquals(0, FitCliHarness.listing(dir).size());
    }
}
