package io.github.cmlr.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * examples/slurm-sweep.sh as a real Slurm job array on the one-node cluster of
 * scripts/slurm-local.sh: one task is cancelled part-way and submitted again, the shards are
 * merged, and the merged results must equal a single-process sweep of the same file in every field
 * but the wall time. Needs target/cmlr.jar (so it runs in the integration-test phase) and a Slurm
 * cluster; it starts one, and fails with the reason when it cannot.
 */
class SlurmSweepIT {
    private static final int SHARDS = 4;
    private static final int CANCELLED = SHARDS - 1;
    /** Finished runs the cancelled task must have written before it is cancelled. */
    private static final int RUNS_BEFORE_CANCEL = 5;
    private static final Duration TASK_STARTS = Duration.ofMinutes(3);
    private static final Duration TASK_LEAVES = Duration.ofMinutes(1);
    private static final Duration ALL_END = Duration.ofMinutes(5);
    private static final Duration JAVA_RUN = Duration.ofMinutes(5);
    private static final long POLL_MS = 200;
    /** Fields that measure time rather than the computation. */
    private static final List<String> TIMING_FIELDS = List.of("wall_ms");

    private final Path repo = Path.of(System.getProperty("cmlr.basedir", "")).toAbsolutePath();
    private final Path jar = Path.of(System.getProperty("cmlr.jar", "target/cmlr.jar")).toAbsolutePath();
    private final Path work = repo.resolve("target/slurm-it");
    private final Path spec = work.resolve("slurm-it.yaml");
    private final Path out = work.resolve("out");
    private final Path jobLogs = work.resolve("jobs");
    private final List<String> jobs = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private SlurmCluster slurm;

    @BeforeEach
    void setUp() throws IOException {
        deleteTree(work);
        Files.createDirectories(jobLogs);
        try (InputStream in = SlurmSweepIT.class.getResourceAsStream("/slurm/slurm-it.yaml")) {
            Files.copy(in, spec);
        }
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the Slurm test runs after mvn package");
        slurm = new SlurmCluster(repo, work, Map.of("CMLR_SHARDS", String.valueOf(SHARDS),
                "CMLR_JAR", jar.toString(), "CMLR_BACKEND", "cpu"));
    }

    @Test
    void jobArrayWithACancelledAndResubmittedTaskMergesToTheSingleProcessSweep() throws Exception {
        try {
            runScenario();
        } catch (Throwable t) {
            printLogs();
            throw t;
        } finally {
            slurm.cancelQuietly(jobs);
            Files.writeString(work.resolve("daemons.log"), slurm.daemonLogs(), StandardCharsets.UTF_8);
            Files.write(work.resolve("figures.txt"), figures, StandardCharsets.UTF_8);
            figures.forEach(f -> System.out.println("slurm-it: " + f));
        }
    }

    private void runScenario() throws IOException {
        long t0 = System.nanoTime();
        slurm.start();
        figures.add(String.format("cluster ready in %.1f s", seconds(t0)));
        long t1 = System.nanoTime();
        String array = submit("0-" + (SHARDS - 1));
        byte[] kept = cancelPartWay(array);
        String again = submit(String.valueOf(CANCELLED));
        waitUntil(ALL_END, "every task of jobs " + array + " and " + again + " has ended",
                () -> slurm.activeTasks(array).isEmpty() && slurm.activeTasks(again).isEmpty(),
                () -> "still queued: " + slurm.activeTasks(array) + " and " + slurm.activeTasks(again));
        figures.add(String.format("array of %d tasks, the cancel and the resubmitted task: %.1f s from submission to the last task's end",
                SHARDS, seconds(t1)));
        checkOutcomes(array, again);
        checkResumed(kept);
        checkMergeEqualsSingleProcessSweep();
    }

    private String submit(String indices) {
        String id = slurm.submit(List.of("--array=" + indices, "--cpus-per-task=1", "--time=00:15:00",
                "--job-name=cmlr-slurm-it", "--output=" + jobLogs.resolve("%A_%a.log"),
                repo.resolve("examples/slurm-sweep.sh").toString(), spec.toString(), out.toString()));
        jobs.add(id);
        return id;
    }

    /** Waits until the task has finished some runs, cancels it; returns the complete lines it left. */
    private byte[] cancelPartWay(String array) {
        Path shard = out.resolve(ResultLines.shardFile(CANCELLED, SHARDS));
        int runs = SweepPlan.expand(SweepSpecParser.parse(spec)).shard(CANCELLED, SHARDS).size();
        waitUntil(TASK_STARTS, "task " + CANCELLED + " running with " + RUNS_BEFORE_CANCEL + " runs done", () -> {
            int done = lineCount(completeLines(shard));
            assertTrue(done < runs, "task " + CANCELLED + " finished all " + runs
                    + " runs before it could be cancelled: the sweep file is too short for this machine");
            return done >= RUNS_BEFORE_CANCEL && "RUNNING".equals(slurm.activeTasks(array).get(CANCELLED));
        }, () -> "tasks " + slurm.activeTasks(array) + ", " + lineCount(completeLines(shard)) + " runs in " + shard);
        slurm.cancel(array + "_" + CANCELLED);
        waitUntil(TASK_LEAVES, "cancelled task " + CANCELLED + " has left the queue",
                () -> !slurm.activeTasks(array).containsKey(CANCELLED), () -> "tasks " + slurm.activeTasks(array));
        byte[] kept = completeLines(shard);
        int done = lineCount(kept);
        assertTrue(done < runs, "the cancel came after task " + CANCELLED + " had finished its " + runs + " runs");
        figures.add("task " + CANCELLED + " cancelled (scancel " + array + "_" + CANCELLED + ") after " + done
                + " of its " + runs + " runs");
        return kept;
    }

    private void checkOutcomes(String array, String again) {
        Map<Integer, String> first = slurm.taskOutcomes(array);
        for (int i = 0; i < SHARDS; i++) {
            String expected = i == CANCELLED ? "CANCELLED" : "COMPLETED 0:0";
            String seen = first.get(i);
            assertTrue(seen != null && seen.startsWith(expected), "task " + i + " of job " + array + ": expected "
                    + expected + ", got " + seen + " (all: " + first + ")");
        }
        assertEquals("COMPLETED 0:0", slurm.taskOutcomes(again).get(CANCELLED),
                "resubmitted task " + CANCELLED + " (job " + again + ")");
    }

    /** The resubmitted task kept the cancelled one's finished runs and added only the rest. */
    private void checkResumed(byte[] kept) throws IOException {
        Path shard = out.resolve(ResultLines.shardFile(CANCELLED, SHARDS));
        byte[] now = Files.readAllBytes(shard);
        int runs = SweepPlan.expand(SweepSpecParser.parse(spec)).shard(CANCELLED, SHARDS).size();
        assertTrue(now.length >= kept.length && Arrays.equals(kept, Arrays.copyOf(now, kept.length)),
                shard + " does not start with the lines the cancelled task had written");
        assertEquals(runs, lineCount(now), "lines in " + shard + " after the resubmitted task");
        figures.add("the resubmitted task resumed: it kept those " + lineCount(kept) + " lines and ran the other "
                + (runs - lineCount(kept)));
    }

    private void checkMergeEqualsSingleProcessSweep() throws IOException {
        SlurmCluster.Result merge = java("merge", "--out", out.toString(), out.toString());
        assertEquals(0, merge.exitCode(), "cmlr merge: " + merge.output());
        Path reference = work.resolve("single-process");
        long t0 = System.nanoTime();
        SlurmCluster.Result sweep = java("sweep", spec.toString(), "--out", reference.toString(),
                "--threads", "2", "--backend", "cpu");
        assertEquals(0, sweep.exitCode(), "single-process cmlr sweep: " + sweep.output());
        double sweepSeconds = seconds(t0);
        List<JsonNode> merged = withoutTiming(out.resolve(ResultLines.RESULTS));
        List<JsonNode> whole = withoutTiming(reference.resolve(ResultLines.RESULTS));
        assertEquals(whole.size(), merged.size(), "runs in the merged and in the single-process results");
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i), merged.get(i), "line " + (i + 1) + " of the merged results differs from the "
                    + "single-process sweep (fields other than " + TIMING_FIELDS + ")");
        }
        figures.add(String.format("merged %d runs; equal, line by line and in every field but %s, to a single-process "
                + "sweep with 2 threads (%.1f s)", merged.size(), TIMING_FIELDS, sweepSeconds));
    }

    private SlurmCluster.Result java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return slurm.run(JAVA_RUN, cmd.toArray(String[]::new));
    }

    private static List<JsonNode> withoutTiming(Path results) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            ObjectNode record = (ObjectNode) json.readTree(line);
            TIMING_FIELDS.forEach(record::remove);
            records.add(record);
        }
        return records;
    }

    /** The file up to its last newline: what a running task has finished (empty if no file yet). */
    private static byte[] completeLines(Path file) {
        try {
            byte[] all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            int end = all.length;
            while (end > 0 && all[end - 1] != '\n') end--;
            return Arrays.copyOf(all, end);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int lineCount(byte[] text) {
        int n = 0;
        for (byte b : text) if (b == '\n') n++;
        return n;
    }

    private static void waitUntil(Duration limit, String what, BooleanSupplier done, Supplier<String> state) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + limit + " waiting until " + what + "; " + state.get());
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    private void printLogs() {
        try (Stream<Path> logs = Files.list(jobLogs)) {
            for (Path log : logs.sorted().toList()) {
                System.out.println("==== " + log + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            System.out.println("cannot list the job logs in " + jobLogs + ": " + e.getMessage());
        }
        System.out.println(slurm.daemonLogs());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
