package io.github.cmlr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer program (python3 with numpy, Rscript with data.table and flexmix) as a child process
 * and reads the JSON object it prints last. A peer that is not installed, fails or runs past its
 * time limit gives null and a reason, never an exception: the peers are optional.
 */
final class PeerProcess {
    /** What a run gave: the JSON object, or null and why not. */
    record Outcome(JsonNode json, String failure) {}

    private PeerProcess() {}

    /** True when {@code command} (a probe such as {@code python3 -c "import numpy"}) exits 0 within 60 s. */
    static boolean available(List<String> command) {
        return exec(command, Map.of(), 60).failure() == null;
    }

    /** Runs the command with extra environment variables; the last line of its stdout must be a JSON object. */
    static Outcome run(List<String> command, Map<String, String> env, long timeoutSeconds) {
        Outcome o = exec(command, env, timeoutSeconds);
        if (o.failure() != null) return o;
        String text = o.json().asText().strip();
        String last = text.substring(text.lastIndexOf('\n') + 1);
        if (!last.startsWith("{")) return new Outcome(null, command.get(0) + " printed no JSON result");
        try {
            return new Outcome(new ObjectMapper().readTree(last), null);
        } catch (IOException e) {
            return new Outcome(null, command.get(0) + " printed unreadable JSON: " + e.getMessage());
        }
    }

    /** Runs to completion; on success the outcome's json is a text node with everything printed to stdout. */
    private static Outcome exec(List<String> command, Map<String, String> env, long timeoutSeconds) {
        Path out = null;
        try {
            out = Files.createTempFile("cmlr-peer-", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Outcome(null, command.get(0) + " ran past " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) return new Outcome(null, command.get(0) + " exited " + p.exitValue());
            String text = Files.readString(out, StandardCharsets.UTF_8);
            return new Outcome(com.fasterxml.jackson.databind.node.TextNode.valueOf(text), null);
        } catch (IOException e) {
            return new Outcome(null, command.get(0) + " cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        } finally {
            if (out != null) out.toFile().delete();
        }
    }
}
