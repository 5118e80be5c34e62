package io.github.cmlr.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.cli.Main;
import io.github.cmlr.util.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sweeps on the CPU backend: resume, kill -9 and resume, locking, shards, CLI errors. */
class SweepRunnerTest {
    /** 60 runs of fixed length (no early stop), long enough (seconds) to be killed part-way. */
    static final String SPEC = String.join("\n",
            "name: resume-test",
            "seed: 99",
            "repetitions: 10",
            "axes:",
            "  m: [500, 1000]",
            "  n: [20]",
            "  d: [4]",
            "  snr: [4]",
            "  algorithm: [clustered, standard, oracle]",
            "stopping:",
            "  max_iter: 100",
            "  target: {c: 1.5}",
            "  stop_at_target: false",
            "");

    @TempDir
    Path tmp;

    private Path specFile() throws Exception {
        Path f = tmp.resolve("spec.yaml");
        Files.writeString(f, SPEC, StandardCharsets.UTF_8);
        return f;
    }

    /** The same sweep, shorter: for the tests that need no time to kill it. */
    private Path quickSpecFile() throws Exception {
        Path f = tmp.resolve("quick.yaml");
        Files.writeString(f, SPEC.replace("repetitions: 10", "repetitions: 3").replace("m: [500, 1000]", "m: [200, 400]").replace("max_iter: 100", "max_iter: 20"),
                StandardCharsets.UTF_8);
        return f;
    }

    private static int cli(StringWriter err, String... args) {
        return Main.commandLine().setErr(new PrintWriter(err, true)).execute(args);
    }

    private static Map<String, ResultRecord> byId(Path file) {
        ResultLines.Read read = ResultLines.read(file);
        assertTrue(!read.tornTail(), "no partial line in " + file);
        Map<String, ResultRecord> out = new HashMap<>();
        for (ResultRecord r : read.records()) assertEquals(null, out.put(r.runId(), r), "duplicate " + r.runId());
        return out;
    }

    private static void assertSameNumbers(Map<String, ResultRecord> a, Map<String, ResultRecord> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String id : a.keySet()) {
            ResultRecord x = a.get(id);
            ResultRecord y = b.get(id);
            assertEquals(x.dataSeed(), y.dataSeed(), id);
            assertEquals(x.finalError(), y.finalError(), 0.0, id);
            assertEquals(x.iterations(), y.iterations(), id);
            assertArrayEquals(x.errorTrace(), y.errorTrace(), id);
        }
    }

    @Test
    void killedSweepResumesWithNoDuplicateNoPartialLineAndTheSameNumbers() throws Exception {
        Path spec = specFile();
        Path dir = tmp.resolve("killed");
        Path results = dir.resolve(ResultLines.RESULTS);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sweep", spec.toString(), "--out", dir.toString(), "--backend", "cpu", "--threads", "1")
                .redirectOutput(tmp.resolve("child.out").toFile()).redirectError(tmp.resolve("child.err").toFile()).start();
        int planned = SweepPlan.expand(SweepSpecParser.parse(spec)).runs().size();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines(results) < 3 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
            // while the child holds the directory a second sweep is refused
            StringWriter err = new StringWriter();
            assertEquals(ExitCode.LOCKED.code(), cli(err, "sweep", spec.toString(), "--out", dir.toString(), "--backend", "cpu"),
                    err.toString());
            assertTrue(err.toString().contains("another sweep"), err.toString());
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long before = lines(results);
        System.out.println("killed after " + before + " of " + planned + " runs");
        assertTrue(before < planned, "the child was killed part-way (" + before + " of " + planned + " lines)");

        assertEquals(0, cli(new StringWriter(), "sweep", spec.toString(), "--out", dir.toString(), "--backend", "cpu", "--threads", "2"));
        Map<String, ResultRecord> resumed = byId(results);
        assertEquals(planned, resumed.size());

        Path clean = tmp.resolve("clean");
        assertEquals(0, cli(new StringWriter(), "sweep", spec.toString(), "--out", clean.toString(), "--backend", "cpu", "--threads", "1"));
        assertSameNumbers(byId(clean.resolve(ResultLines.RESULTS)), resumed);

        // a third invocation has nothing left to do and leaves the file as it is
        byte[] done = Files.readAllBytes(results);
        assertEquals(0, cli(new StringWriter(), "sweep", spec.toString(), "--out", dir.toString(), "--backend", "cpu"));
        assertArrayEquals(done, Files.readAllBytes(results));
    }

    @Test
    void shardsGiveTheSameNumbersAsOneRunAndMergeBackTogether() throws Exception {
        Path spec = quickSpecFile();
        List<String> shardDirs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path d = tmp.resolve("shard" + i);
            assertEquals(0, cli(new StringWriter(), "sweep", spec.toString(), "--out", d.toString(), "--shard", i + "/3",
                    "--backend", "cpu", "--threads", "1"));
            assertTrue(Files.exists(d.resolve(ResultLines.shardFile(i, 3))));
            shardDirs.add(d.toString());
        }
        List<String> args = new ArrayList<>(List.of("merge", "--out", tmp.resolve("merged").toString()));
        args.addAll(shardDirs);
        assertEquals(0, cli(new StringWriter(), args.toArray(new String[0])));
        Path whole = tmp.resolve("whole");
        assertEquals(0, cli(new StringWriter(), "sweep", spec.toString(), "--out", whole.toString(), "--backend", "cpu"));
        assertSameNumbers(byId(whole.resolve(ResultLines.RESULTS)), byId(tmp.resolve("merged").resolve(ResultLines.RESULTS)));
    }

    @Test
    void algorithmsOnOneGridPointShareTheDataAndTheStart() throws Exception {
        Path dir = tmp.resolve("one");
        assertEquals(0, cli(new StringWriter(), "sweep", quickSpecFile().toString(), "--out", dir.toString(), "--backend", "cpu"));
        Map<String, List<ResultRecord>> byData = new HashMap<>();
        for (ResultRecord r : byId(dir.resolve(ResultLines.RESULTS)).values()) {
            byData.computeIfAbsent(r.m() + "/" + r.rep(), k -> new ArrayList<>()).add(r);
        }
        for (List<ResultRecord> rs : byData.values()) {
            assertEquals(3, rs.size());
            ResultRecord c = rs.stream().filter(r -> r.algorithm().equals("clustered")).findFirst().orElseThrow();
            ResultRecord s = rs.stream().filter(r -> r.algorithm().equals("standard")).findFirst().orElseThrow();
            assertEquals(c.dataSeed(), s.dataSeed());
            assertEquals(c.errorTrace()[0], s.errorTrace()[0], 0.0, "same starting point");
            assertEquals(c.errorTrace()[0], (4.0 / 14), 1e-9, "start at radius ||theta*||/14 (SNR 4, sigma 1)");
        }
    }

    @Test
    void aBadSpecFailsBeforeRunningWithItsLine() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, SPEC.replace("  m: [500, 1000]", "  m: [200, -4]"));
        StringWriter err = new StringWriter();
        Path out = tmp.resolve("never");
        assertEquals(ExitCode.SPEC.code(), cli(err, "sweep", bad.toString(), "--out", out.toString(), "--backend", "cpu"));
        assertTrue(err.toString().contains("bad.yaml:5:") && err.toString().contains("m must be >= 1"), err.toString());
        assertTrue(!Files.exists(out), "nothing created");
        err = new StringWriter();
        assertEquals(ExitCode.USAGE.code(), cli(err, "sweep", specFile().toString(), "--out", out.toString(), "--shard", "3/3"));
        assertTrue(err.toString().contains("--shard"), err.toString());
    }

    @Test
    void aDirectoryOfAnotherSweepIsRefused() throws Exception {
        Path dir = tmp.resolve("d");
        Path small = tmp.resolve("small.yaml");
        Files.writeString(small, SPEC.replace("repetitions: 10", "repetitions: 1"));
        assertEquals(0, cli(new StringWriter(), "sweep", small.toString(), "--out", dir.toString(), "--backend", "cpu"));
        StringWriter err = new StringWriter();
        assertEquals(ExitCode.SPEC.code(), cli(err, "sweep", specFile().toString(), "--out", dir.toString(), "--backend", "cpu"));
        assertTrue(err.toString().contains("different sweep"), err.toString());
    }

    private static long lines(Path f) throws Exception {
        if (!Files.exists(f)) return 0;
        byte[] b = Files.readAllBytes(f);
        long n = 0;
        for (byte x : b) if (x == '\n') n++;
        return n;
    }


    @Test
    void theGeneralMixtureModelIsMeasuredOnTheSameScale() throws Exception {
        Path f = tmp.resolve("mix.yaml");
        Files.writeString(f, String.join("\n", "seed: 5", "repetitions: 2", "axes:", "  m: [300]", "  n: [10]", "  d: [4]",
                "  sigma: [0.5]", "  theta_norm: [2]", "  model: [symmetric, mixture]", "  algorithm: [clustered]",
                "  backend: [cpu]", "stopping:", "  max_iter: 50", "  target: {c: 2}", ""));
        Path dir = tmp.resolve("mix");
        assertEquals(0, cli(new StringWriter(), "sweep", f.toString(), "--out", dir.toString()));
        Map<String, ResultRecord> runs = byId(dir.resolve(ResultLines.RESULTS));
        assertEquals(4, runs.size());
        for (ResultRecord r : runs.values()) {
            assertEquals("cpu", r.backend());
            assertEquals(2.0 / 14, r.errorTrace()[0], 1e-9, "same start, same error scale: " + r.runId());
            assertTrue(r.reachedTarget() && r.iterationsToTarget() <= 3, r.runId() + " " + r.iterationsToTarget());
        }
    }
}
