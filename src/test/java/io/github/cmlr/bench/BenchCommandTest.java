package io.github.cmlr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
    private static String run(int expected, String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(expected, cl.execute(args), err.toString());
        return err.toString();
    }

    @Test
    void eachBadSizeIsAUsageErrorNamingTheOption() {
        assertTrue(run(2, "bench", "--repeats", "0").contains("--repeats must be >= 1"));
        assertTrue(run(2, "bench", "--m", "1").contains("--m must be >= 2"));
        assertTrue(run(2, "bench", "--n", "10,0").contains("--n must be >= 1"));
        assertTrue(run(2, "bench", "--threads", "0").contains("--threads must be >= 1"));
    }

    @Test
    void gpuSubcommandStaysRegistered() {
        assertTrue(Main.commandLine().getSubcommands().get("bench").getSubcommands().containsKey("gpu"));
    }

    @Test
    void peakIsCoresTimesClockTimesFlopsPerCycle() {
        assertEquals(2 * 2.5 * 16, new MachinePeak(2, 2.5, 16, "x").gflops(), 0);
        assertEquals("cpu: 4 cores x 3.00 GHz x 32 DP FLOP/cycle = 384.0 GFLOP/s",
                new MachinePeak(4, 3.0, 32, "cpu").describe());
    }

    /** Where /proc/cpuinfo gives a clock and a model, read() takes the first of each (the clock in GHz). */
    @Test
    void readParsesProcCpuinfo() throws java.io.IOException {
        java.nio.file.Path info = java.nio.file.Path.of("/proc/cpuinfo");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(info), "no /proc/cpuinfo");
        java.util.List<String> lines = java.nio.file.Files.readAllLines(info);
        MachinePeak p = MachinePeak.read();
        assertEquals(Runtime.getRuntime().availableProcessors(), p.cores());
        lines.stream().filter(l -> l.startsWith("cpu MHz")).findFirst().ifPresent(l ->
                assertEquals(Double.parseDouble(l.substring(l.indexOf(':') + 1).trim()) / 1000, p.ghz(), 1e-12));
        lines.stream().filter(l -> l.startsWith("model name")).findFirst().ifPresent(l ->
                assertEquals(l.substring(l.indexOf(':') + 1).trim(), p.model()));
    }
}
