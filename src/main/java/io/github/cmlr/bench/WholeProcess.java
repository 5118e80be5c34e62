package io.github.cmlr.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Times a command as a whole process, as a user running it sees it: wall seconds and, where GNU
 * time is installed ({@code /usr/bin/time}, Debian package "time"), the peak resident memory the
 * kernel accounted to it. A command that fails or runs past its limit gives a reason, never an
 * exception: the peers are optional.
 */
final class WholeProcess {
    static final Path GNU_TIME = Path.of("/usr/bin/time");

    /** Wall seconds, peak resident MiB (NaN without GNU time), or why there are none. */
    record Timing(double seconds, double peakMiB, String failure) {
        boolean ok() { return failure == null; }
    }

    private WholeProcess() {}

    /**
     * Runs {@code command} once with extra environment variables; its output goes to a scratch file,
     * whose last line a failure quotes (e.g. R's error), and is then deleted.
     */
    static Timing run(List<String> command, Map<String, String> env, long timeoutSeconds) {
        Path report = null;
        Path output = null;
        try {
            report = Files.createTempFile("cmlr-time-", ".txt");
            output = Files.createTempFile("cmlr-output-", ".txt");
            boolean gnu = Files.isExecutable(GNU_TIME);
            List<String> full = new ArrayList<>();
            if (gnu) full.addAll(List.of(GNU_TIME.toString(), "-f", "%e %M", "-o", report.toString()));
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Timing(Double.NaN, Double.NaN, command.get(0) + " ran past " + timeoutSeconds + " s");
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 0) {
                return new Timing(Double.NaN, Double.NaN, command.get(0) + " exited " + p.exitValue() + lastLine(output));
            }
            if (!gnu) return new Timing(wall, Double.NaN, null);
            return parse(Files.readString(report, StandardCharsets.US_ASCII), wall);
        } catch (IOException e) {
            return new Timing(Double.NaN, Double.NaN, command.get(0) + " cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Timing(Double.NaN, Double.NaN, "interrupted");
        } finally {
            if (report != null) report.toFile().delete();
            if (output != null) output.toFile().delete();
        }
    }

    /** ": " and the last non-blank line of a failed command's output (at most 300 characters), or "". */
    static String lastLine(Path output) throws IOException {
        String last = "";
        String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8); // malformed bytes replaced, never thrown
        for (String line : text.split("\\R")) if (!line.isBlank()) last = line.strip();
        if (last.isEmpty()) return "";
        return ": " + (last.length() > 300 ? last.substring(0, 300) + "..." : last);
    }

    /** GNU time's "%e %M" line (elapsed seconds, peak KiB); the measured wall time if it is unreadable. */
    static Timing parse(String text, double wall) {
        String[] last = text.strip().lines().reduce((a, b) -> b).orElse("").trim().split("\\s+");
        try {
            return new Timing(Double.parseDouble(last[0]), Double.parseDouble(last[1]) / 1024, null);
        } catch (RuntimeException e) {
            return new Timing(wall, Double.NaN, null);
        }
    }

    /** True when a command can be found on the PATH (or is an executable path). */
    static boolean onPath(String program) {
        if (program.contains("/")) return Files.isExecutable(Path.of(program));
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
