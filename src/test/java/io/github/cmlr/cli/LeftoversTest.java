package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue class 5: a failed command leaves nothing behind, a killed one's temporary files are
 * removed by the next run, results are counted once and belong to their sweep, and only the
 * documented number formats are accepted.
 */
class LeftoversTest {
    private static final String SPEC = "name: l\nseed: 4\nrepetitions: 2\naxes:\n  m: [20, 30]\n  n: 5\n  d: 2\n"
            + "stopping:\n  max_iter: 3\n  target: {c: 2}\n";

    @TempDir
    Path dir;

    private Path spec(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private Path sweep() throws IOException {
        Path out = dir.resolve("out");
        FitCliHarness.Result r = FitCliHarness.run("sweep", spec("s.yaml", SPEC).toString(), "--out", out.toString(), "--backend", "cpu");
        assertEquals(0, r.code(), r.err());
        return out;
    }

    /** Without a GPU, --backend gpu fails before the results directory is made (and cleans an existing one). */
    @Test
    void aSweepWhoseBackendCannotOpenLeavesNothing() throws IOException {
        Path out = dir.resolve("gpu-out");
        FitCliHarness.Result r = FitCliHarness.run("sweep", spec("s.yaml", SPEC).toString(), "--out", out.toString(), "--backend", "gpu");
        assumeTrue(r.code() != 0, "a GPU is usable here: the no-GPU case cannot be run");
        assertEquals(ExitCode.GPU_UNAVAILABLE.code(), r.code(), r.err());
        assertFalse(Files.exists(out), "no directory, sweep.yaml, runs.jsonl or lock");
    }

    /** A failure after the results file is opened (here: sweep.yaml is a directory, unreadable) removes what it made. */
    @Test
    void aSweepThatFailsBeforeItsFirstRunRemovesWhatItCreated() throws IOException {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("runs-shard-0000-of-0002.jsonl"), "");
        Files.createDirectory(out.resolve("sweep.yaml")); // the spec copy cannot be read
        FitCliHarness.Result r = FitCliHarness.run("sweep", spec("s.yaml", SPEC).toString(), "--out", out.toString(), "--backend", "cpu");
        assertEquals(ExitCode.IO.code(), r.code(), r.err());
        assertEquals(List.of("runs-shard-0000-of-0002.jsonl", "sweep.yaml"), FitCliHarness.listing(out),
                "no runs.jsonl and no lock left beside what was there");
    }

    /** Temporary files of a killed process (this host, dead pid; or an older version's name) go at the next write. */
    @Test
    void temporaryFilesOfAKilledRunAreRemovedByTheNextWrite() throws Exception {
        Path out = sweep();
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path png = out.resolve("error_vs_iteration.png");
        Path dead = out.resolve(AtomicFiles.temporaryName(png, p.pid(), 3));
        Path legacy = out.resolve(".error_vs_iteration.png.4242424242.tmp");
        Path alive = out.resolve(AtomicFiles.temporaryName(png, ProcessHandle.current().parent().orElseThrow().pid(), 1));
        for (Path t : List.of(dead, legacy, alive)) Files.writeString(t, "partial");
        Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minusSeconds(3600)));
        assertEquals(0, FitCliHarness.run("summarize", out.toString()).code());
        assertTrue(Files.isRegularFile(png));
        assertFalse(Files.exists(dead), "a dead process's temporary file is removed");
        assertFalse(Files.exists(legacy), "an old version's temporary file is removed");
        assertTrue(Files.exists(alive), "a running process's temporary file is kept");
    }

    @Test
    void summarizeRefusesARunCountedTwice() throws IOException {
        Path out = sweep();
        Path runs = out.resolve("runs.jsonl");
        List<String> lines = Files.readAllLines(runs);
        Files.writeString(runs, String.join("\n", lines) + "\n" + lines.get(1) + "\n");
        FitCliHarness.Result r = FitCliHarness.run("summarize", out.toString());
        assertEquals(ExitCode.INCOMPLETE.code(), r.code(), r.err());
        assertTrue(r.err().contains(runs + ":" + (lines.size() + 1) + ":") && r.err().contains("first on line 2"), r.err());
    }

    @Test
    void aLineWithoutItsFinalErrorIsRefusedByLine() throws IOException {
        Path out = sweep();
        Path runs = out.resolve("runs.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(runs));
        lines.set(2, lines.get(2).replaceFirst("\"final_error\":[^,]*,", ""));
        Files.write(runs, lines);
        FitCliHarness.Result r = FitCliHarness.run("summarize", out.toString());
        assertEquals(ExitCode.IO.code(), r.code(), r.err());
        assertTrue(r.err().contains(runs + ":3:") && r.err().contains("no \"final_error\""), r.err());
    }

    /** With sweep.yaml gone, each result line still names its sweep: another spec is refused, the same one resumes. */
    @Test
    void anotherSweepCannotAppendOnceTheSpecCopyIsLost() throws IOException {
        Path out = sweep();
        Files.delete(out.resolve("sweep.yaml"));
        Path other = spec("other.yaml", SPEC.replace("seed: 4", "seed: 5"));
        FitCliHarness.Result r = FitCliHarness.run("sweep", other.toString(), "--out", out.toString(), "--backend", "cpu");
        assertEquals(ExitCode.SPEC.code(), r.code(), r.err());
        assertTrue(r.err().contains(out.resolve("runs.jsonl") + ":1:") && r.err().contains("another sweep"), r.err());
        assertFalse(Files.exists(out.resolve("sweep.yaml")), "nothing written for the refused sweep");
        FitCliHarness.Result same = FitCliHarness.run("sweep", dir.resolve("s.yaml").toString(), "--out", out.toString(), "--backend", "cpu");
        assertEquals(0, same.code(), same.err());
        assertEquals(8, Files.readAllLines(out.resolve("runs.jsonl")).size(), "resumed: nothing run twice");
    }

    /** Only plain and exponent notation: no hex floats, no type suffixes, no digit separators, anywhere. */
    @Test
    void onlyTheDocumentedNumberFormatsAreAccepted() throws IOException {
        Path out = dir.resolve("sim.csv");
        for (String bad : new String[] {"0x1p0", "1.5d", "2f", "1_0"}) {
            FitCliHarness.Result r = FitCliHarness.run("simulate", "--m", "2", "--n", "2", "--d", "1", "--snr", "4",
                    "--sigma", bad, "--out", out.toString());
            assertEquals(ExitCode.USAGE.code(), r.code(), bad + ": " + r.err());
            assertTrue(r.err().contains("--sigma") && r.err().contains(bad), r.err());
        }
        assertEquals(0, FitCliHarness.run("simulate", "--m", "2", "--n", "2", "--d", "1", "--snr", "4e0", "--sigma", ".5",
                "--out", out.toString()).code(), "plain and exponent notation pass");
        for (String bad : new String[] {"0x10", "1_000", ".inf", "0o17"}) {
            Path f = spec("bad.yaml", SPEC.replace("m: [20, 30]", "m: [20, " + bad + "]"));
            FitCliHarness.Result r = FitCliHarness.run("sweep", f.toString(), "--out", dir.resolve("b").toString(), "--backend", "cpu");
            assertEquals(ExitCode.SPEC.code(), r.code(), bad + ": " + r.err());
            assertTrue(r.err().contains(f + ":5:"), r.err());
        }
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "node,y,x1\na,1,2\na,1.5d,3\n");
        FitCliHarness.Result r = FitCliHarness.run("fit", csv.toString(), "--backend", "cpu", "--out", dir.resolve("r.json").toString());
        assertEquals(ExitCode.DATA_FORMAT.code(), r.code(), r.err());
        assertTrue(r.err().contains("line 3, column 2 ('y')") && r.err().contains("not a number: '1.5d'"), r.err());
    }
}
