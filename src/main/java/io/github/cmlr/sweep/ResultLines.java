package io.github.cmlr.sweep;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.IoErrors;
import io.github.cmlr.util.JsonNumbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing result lines (JSON Lines). A value a run does not have is left out of its
 * line with a {@code <field>_reason} beside it ({@link JsonNumbers}): {@code iterations_to_target}
 * when the target was never reached, {@code final_error} and the traces of a failed run, the traces
 * when {@code outputs.traces} is false. A line never holds NaN, Infinity or null.
 */
public final class ResultLines {
    /** The results file of an unsharded sweep (and of a merge). */
    public static final String RESULTS = "runs.jsonl";

    /** Keys every line must have (final_error may be replaced by its reason). */
    private static final List<String> REQUIRED = List.of("run_id", "m", "n", "d", "sigma", "snr", "init_radius",
            "algorithm", "model", "K", "rep", "backend", "target", "max_iter", "iterations", "stop_reason", "status");
    private static final JsonNumbers.Style STYLE = JsonNumbers.Style.SNAKE;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS) // lines of older versions held "NaN"
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Lines read from a file; {@code tornTail} is true when the file ended inside a line (ignored).
     *
     * @param lineNumbers the 1-based line of each record
     */
    public record Read(List<ResultRecord> records, List<Integer> lineNumbers, boolean tornTail, long completeBytes) {}

    private ResultLines() {}

    /** The results file of shard i of N: {@code runs-shard-0003-of-0010.jsonl}. */
    public static String shardFile(int index, int count) {
        return String.format("runs-shard-%04d-of-%04d.jsonl", index, count);
    }

    /** One line, newline included. */
    public static byte[] encode(ResultRecord r) {
        ObjectNode line = JSON.valueToTree(r);
        explainAbsent(line, r);
        JsonNumbers.requireClean(line, "result line of " + r.runId());
        try {
            return (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode result " + r.runId(), e);
        }
    }

    /** Replaces every value the run does not have by its reason. */
    private static void explainAbsent(ObjectNode line, ResultRecord r) {
        String failed = r.failed() ? r.status() : null;
        if (r.iterationsToTarget() == null) {
            JsonNumbers.absent(line, "iterations_to_target", STYLE, failed != null ? failed
                    : "the error stayed above the target in all " + r.iterations() + " iterations");
        }
        if (!Double.isFinite(r.finalError())) {
            JsonNumbers.absent(line, "final_error", STYLE, failed != null ? failed : "the error could not be computed");
        }
        for (String trace : List.of("error_trace", "loglik_trace")) {
            double[] t = trace.equals("error_trace") ? r.errorTrace() : r.logLikTrace();
            if (t == null) {
                JsonNumbers.absent(line, trace, STYLE, failed != null ? failed : "outputs.traces is false");
            } else if (!JsonNumbers.allFinite(t)) {
                JsonNumbers.absent(line, trace, STYLE, failed != null ? failed : "a value of the trace is not finite");
            }
        }
        if (r.sweepHash() == null) line.remove("sweep_hash");
    }

    /** Decodes one line (no line number known: messages say "result line"). */
    public static ResultRecord decode(String line) throws JsonProcessingException {
        return decode(line, "result line");
    }

    /**
     * Decodes one line; a missing required key is an error naming {@code where}. A missing
     * final_error with its reason (a failed run) becomes NaN.
     */
    static ResultRecord decode(String line, String where) throws JsonProcessingException {
        JsonNode tree = JSON.readTree(line);
        if (tree == null || !tree.isObject()) throw new CmlrException(ExitCode.IO, where + ": not a JSON object");
        ObjectNode o = (ObjectNode) tree;
        for (String key : REQUIRED) {
            if (!o.hasNonNull(key)) throw new CmlrException(ExitCode.IO, where + ": the result line has no \"" + key + "\"");
        }
        if (!o.hasNonNull("final_error")) {
            if (!o.hasNonNull(STYLE.reasonKey("final_error"))) {
                throw new CmlrException(ExitCode.IO, where + ": the result line has no \"final_error\" (and no \""
                        + STYLE.reasonKey("final_error") + "\" saying why)");
            }
            o.put("final_error", Double.NaN);
        }
        return JSON.treeToValue(o, ResultRecord.class);
    }

    /**
     * Reads every complete line. A last line without its newline is a run that was being written
     * when the process died: it is reported as torn and left out. A malformed complete line is an
     * error naming the file and line.
     */
    public static Read read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, file + ": cannot read: " + IoErrors.describe(e), e);
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') end--;
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        List<ResultRecord> out = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) continue;
            try {
                out.add(decode(line, file + ":" + lineNo));
                lines.add(lineNo);
            } catch (JsonProcessingException e) {
                throw new CmlrException(ExitCode.IO, file + ":" + lineNo + ": not a result line: " + e.getOriginalMessage(), e);
            }
        }
        return new Read(out, lines, end < bytes.length, end);
    }
}
