package io.github.cmlr.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
    @TempDir
    Path dir;

    static ResultRecord record(String id, int iters) {
        return new ResultRecord(id, "t", 10, 20, 3, 1, 4, null, 1.0 / 14, "clustered", "symmetric", 2, 0, 11, 12,
                "cpu", 0.1, 30, iters, iters, 0.05, "TARGET_ERROR", "ok", new double[] {0.3, 0.2, 0.05},
                new double[] {-1.5, -1.0, -0.5}, 1.25, "dev", "unknown");
    }

    /** An SNR sweep's line states ||theta*|| = snr * sigma (lines of older versions had null: read the same way). */
    @Test
    void linesRoundTripAndStateThetaNorm() throws Exception {
        ResultRecord r = record("a rep=0", 2);
        String line = new String(ResultLines.encode(r), StandardCharsets.UTF_8);
        assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, "one line");
        assertTrue(line.contains("\"K\":2") && line.contains("\"iterations_to_target\":2") && line.contains("\"theta_norm\":4.0"), line);
        ResultRecord back = ResultLines.decode(line.trim());
        assertEquals(r.runId(), back.runId());
        assertEquals(4.0, back.thetaNorm());
        assertArrayEquals(r.errorTrace(), back.errorTrace());
        assertArrayEquals(r.logLikTrace(), back.logLikTrace());
        assertEquals("a", back.pointKey());
        assertEquals(4.0, ResultLines.decode(line.trim().replace("\"theta_norm\":4.0", "\"theta_norm\":null")).thetaNorm());
    }

    /** What a run does not have is absent with its reason: never NaN, Infinity or null in a line. */
    @Test
    void absentValuesCarryTheirReason() throws Exception {
        ResultRecord never = new ResultRecord("b rep=0", "t", 10, 20, 3, 1, 4, null, 0.1, "standard", "symmetric", 2, 0,
                1, 2, "cpu", 0.1, 30, 30, null, 0.4, "MAX_ITERATIONS", "ok", null, null, 1, "dev", "x");
        String line = new String(ResultLines.encode(never), StandardCharsets.UTF_8);
        assertFalse(line.contains("null") || line.contains("NaN") || line.contains("Infinity"), line);
        assertTrue(line.contains("\"iterations_to_target_reason\":\"the error stayed above the target in all 30 iterations\""), line);
        assertTrue(line.contains("\"error_trace_reason\":\"outputs.traces is false\""), line);
        assertNull(ResultLines.decode(line.trim()).iterationsToTarget());
        ResultRecord failed = new ResultRecord("c rep=0", "t", 10, 20, 3, 1, 4, null, 0.1, "standard", "symmetric", 2, 0,
                1, 2, "cpu", 0.1, 30, 0, null, Double.NaN, "FAILED", "failed: X^T X is singular", new double[] {Double.NaN},
                new double[] {Double.NaN}, 1, "dev", "x");
        String f = new String(ResultLines.encode(failed), StandardCharsets.UTF_8);
        assertFalse(f.contains("null") || f.contains("NaN"), f);
        assertTrue(f.contains("\"final_error_reason\":\"failed: X^T X is singular\"") && !f.contains("\"final_error\":"), f);
        assertTrue(Double.isNaN(ResultLines.decode(f.trim()).finalError()));
    }

    @Test
    void appendsResumesAndCutsATornLastLine() throws Exception {
        try (ResultStore s = ResultStore.open(dir, "runs.jsonl")) {
            s.append(record("a rep=0", 1));
            s.append(record("b rep=0", 2));
        }
        Path f = dir.resolve("runs.jsonl");
        byte[] partial = ResultLines.encode(record("c rep=0", 3));
        Files.write(f, java.util.Arrays.copyOf(partial, partial.length / 2), StandardOpenOption.APPEND);
        ResultLines.Read read = ResultLines.read(f);
        assertTrue(read.tornTail());
        assertEquals(2, read.records().size());
        try (ResultStore s = ResultStore.open(dir, "runs.jsonl")) {
            assertTrue(s.isDone("a rep=0") && s.isDone("b rep=0"));
            assertFalse(s.isDone("c rep=0"));
            s.append(record("c rep=0", 3));
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(3, lines.size());
        for (String l : lines) ResultLines.decode(l);
        assertFalse(ResultLines.read(f).tornTail());
    }

    @Test
    void aSecondWriterIsRefused() {
        try (ResultStore s = ResultStore.open(dir, "runs.jsonl")) {
            CmlrException e = assertThrows(CmlrException.class, () -> ResultStore.open(dir, "runs.jsonl"));
            assertEquals(ExitCode.LOCKED, e.exitCode());
            assertTrue(e.getMessage().contains("another sweep"), e.getMessage());
            // another shard's file in the same directory is fine
            ResultStore.open(dir, ResultLines.shardFile(1, 2)).close();
        }
        ResultStore.open(dir, "runs.jsonl").close();
    }

    @Test
    void aCorruptCompleteLineNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve("runs.jsonl"), new String(ResultLines.encode(record("a rep=0", 1)),
                StandardCharsets.UTF_8) + "{garbage\n");
        CmlrException e = assertThrows(CmlrException.class, () -> ResultLines.read(dir.resolve("runs.jsonl")));
        assertEquals(ExitCode.IO, e.exitCode());
        assertTrue(e.getMessage().contains("runs.jsonl:2:"), e.getMessage());
    }
}
