package io.github.cmlr.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The local Slurm cluster of scripts/slurm-local.sh, driven through its command-line tools. Every
 * command runs as a child process with a time limit; its output goes to a file (no pipe to fill).
 * Accounting is off, so jobs are followed with squeue while they run and scontrol once they end.
 */
final class SlurmCluster {
    /** What a command printed (stdout and stderr together) and its exit code; -1 when it timed out. */
    record Result(int exitCode, String output) {
        boolean ok() { return exitCode == 0; }
    }

    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Duration INSTALL = Duration.ofMinutes(10);

    private final Path repo;
    private final Path scratch;
    private final Map<String, String> env;

    /** @param env variables added to every command's environment (sbatch passes them to the jobs) */
    SlurmCluster(Path repo, Path scratch, Map<String, String> env) {
        this.repo = repo;
        this.scratch = scratch;
        this.env = Map.copyOf(env);
    }

    /** Starts the cluster (installing it when needed); fails with the script's own explanation. */
    void start() {
        Result r = run(INSTALL, "bash", repo.resolve("scripts/slurm-local.sh").toString(), "start");
        if (!r.ok()) throw new AssertionError("Slurm could not be started (scripts/slurm-local.sh start, exit "
                + r.exitCode() + "; mvn -DskipITs leaves this test out):\n" + r.output());
    }

    /** The end of each daemon's log, for a failure report. */
    String daemonLogs() {
        return run(QUICK, "bash", repo.resolve("scripts/slurm-local.sh").toString(), "logs").output();
    }

    /** sbatch with these arguments; returns the job id. */
    String submit(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(args);
        Result r = run(QUICK, cmd.toArray(String[]::new));
        if (!r.ok()) throw new AssertionError("sbatch failed (exit " + r.exitCode() + "): " + r.output());
        String[] lines = r.output().strip().split("\n");
        return lines[lines.length - 1].split(";")[0].strip();
    }

    /** Array task id to state (RUNNING, PENDING, COMPLETING...) of the job's tasks still queued or running. */
    Map<Integer, String> activeTasks(String jobId) {
        Result r = run(QUICK, "squeue", "--noheader", "--array", "--jobs", jobId, "--format", "%K %T");
        if (!r.ok()) throw new AssertionError("squeue failed (exit " + r.exitCode() + "): " + r.output());
        Map<Integer, String> states = new TreeMap<>();
        for (String line : r.output().strip().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[0].matches("\\d+")) states.put(Integer.parseInt(f[0]), f[1]);
        }
        return states;
    }

    /** Array task id to "STATE exit:signal" of every task of a job, finished ones included. */
    Map<Integer, String> taskOutcomes(String jobId) {
        Result r = run(QUICK, "scontrol", "--oneliner", "show", "job", jobId);
        if (!r.ok()) throw new AssertionError("scontrol show job failed (exit " + r.exitCode() + "): " + r.output());
        Map<Integer, String> outcomes = new TreeMap<>();
        for (String line : r.output().split("\n")) {
            String task = field(line, "ArrayTaskId");
            if (task != null && task.matches("\\d+")) {
                outcomes.put(Integer.parseInt(task), field(line, "JobState") + " " + field(line, "ExitCode"));
            }
        }
        return outcomes;
    }

    void cancel(String jobOrTask) {
        Result r = run(QUICK, "scancel", jobOrTask);
        if (!r.ok()) throw new AssertionError("scancel " + jobOrTask + " failed: " + r.output());
    }

    /** Cancels whatever of these jobs is left; never throws (used when a test ends early). */
    void cancelQuietly(List<String> jobIds) {
        if (jobIds.isEmpty()) return;
        List<String> cmd = new ArrayList<>(List.of("scancel"));
        cmd.addAll(jobIds);
        try {
            run(QUICK, cmd.toArray(String[]::new));
        } catch (RuntimeException | AssertionError e) {
            System.err.println("scancel " + jobIds + ": " + e);
        }
    }

    /** Runs a command in the repository root with the cluster's environment. */
    Result run(Duration timeout, String... command) {
        try {
            Files.createDirectories(scratch);
            Path out = Files.createTempFile(scratch, "command", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            if (!done) return new Result(-1, text + "\n(" + String.join(" ", command) + ": no answer in " + timeout + ")");
            return new Result(p.exitValue(), text);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** The value of {@code Key=value} in a scontrol one-line record, or null. */
    static String field(String record, String key) {
        for (String token : record.split("\\s+")) {
            if (token.startsWith(key + "=")) return token.substring(key.length() + 1);
        }
        return null;
    }
}
