package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.bench.BenchRow;
import io.github.cmlr.bench.CpuSuite;
import io.github.cmlr.bench.PeerRow;
import io.github.cmlr.cpu.CpuBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bench --json: a figure that was not measured is absent with its reason, never null or NaN. */
class BenchJsonTest {
    @Test
    void unmeasuredFiguresCarryTheirReason() throws Exception {
        CpuSuite.Result r = new CpuSuite.Result(
                List.of(new BenchRow("b", "statistics pass", 8.5, "GFLOP/s", ""),
                        new BenchRow("f", "end to end", Double.NaN, "s", "R with flexmix is not installed")),
                List.of(PeerRow.times("e", "standard iteration", 164, "numpy", Double.NaN, "ms", "python3 printed no JSON result")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CpuBackend cpu = new CpuBackend(1); PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            BenchCommand.printJson(r, cpu, out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("null") || text.contains("NaN") || text.contains("Infinity"), text);
        JsonNode root = new ObjectMapper().readTree(text);
        assertEquals(8.5, root.at("/results/0/value").asDouble());
        assertTrue(root.at("/results/1").has("valueReason"));
        assertFalse(root.at("/results/1").has("value"));
        assertTrue(root.at("/results/1/valueReason").asText().contains("R with flexmix is not installed"));
        assertEquals(164, root.at("/peers/0/cmlr").asDouble());
        assertTrue(root.at("/peers/0/peerValueReason").asText().contains("no JSON result"));
        assertFalse(root.at("/peers/0").has("ratio"));
    }
}
