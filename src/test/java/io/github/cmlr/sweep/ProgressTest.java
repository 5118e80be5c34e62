package io.github.cmlr.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void terminalGetsARedrawnBarWithEta() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(buf, true, StandardCharsets.UTF_8), true, 4, Duration.ofSeconds(10));
        for (int i = 0; i < 4; i++) p.advance();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(4, out.chars().filter(c -> c == '\r').count(), "one redraw per run");
        assertTrue(out.contains("[" + "#".repeat(15) + ".".repeat(15) + "] 2/4"), out);
        assertTrue(out.contains("4/4  ETA 0m00s") && out.endsWith("\n"), out);
    }

    @Test
    void batchLogsGetPlainLinesAtTheIntervalAndAtTheEnd() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(buf, true, StandardCharsets.UTF_8), false, 3, Duration.ofHours(1));
        for (int i = 0; i < 3; i++) p.advance();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(!out.contains("\r"), out);
        assertEquals(1, out.lines().count(), "only the final line within the interval: " + out);
        assertTrue(out.startsWith("sweep: 3/3 runs done"), out);
        assertEquals("1h01m", Progress.format(3660));
    }
}
