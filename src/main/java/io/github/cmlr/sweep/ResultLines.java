package io.github.cmlr.sweep;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing result lines (JSON Lines). */
public final class ResultLines {
    /** The results file of an unsharded sweep (and of a merge). */
    public static final String RESULTS = "runs.jsonl";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Lines read from a file; {@code tornTail} is true when the file ended inside a line (ignored). */
    public record Read(List<ResultRecord> records, boolean tornTail, long completeBytes) {}

    private ResultLines() {}

    /** The results file of shard i of N: {@code runs-shard-0003-of-0010.jsonl}. */
    public static String shardFile(int index, int count) {
        return String.format("runs-shard-%04d-of-%04d.jsonl", index, count);
    }

    /** One line, newline included. */
    public static byte[] encode(ResultRecord r) {
        try {
            return (JSON.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode result " + r.runId(), e);
        }
    }

    public static ResultRecord decode(String line) throws JsonProcessingException {
        return JSON.readValue(line, ResultRecord.class);
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
            throw new CmlrException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') end--;
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        List<ResultRecord> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) continue;
            try {
                out.add(decode(line));
            } catch (JsonProcessingException e) {
                throw new CmlrException(ExitCode.IO, file + ":" + lineNo + ": not a result line: " + e.getOriginalMessage(), e);
            }
        }
        return new Read(out, end < bytes.length, end);
    }
}
