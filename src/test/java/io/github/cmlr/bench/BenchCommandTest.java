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
        MachinePeak p = MachinePeak.read();
        assertTrue(p.cores() >= 1);
        assertTrue(p.flopsPerCycle() == 4 || p.flopsPerCycle() == 16 || p.flopsPerCycle() == 32);
        assertEquals(p.cores() * p.ghz() * p.flopsPerCycle(), p.gflops(), 1e-9);
        assertEquals(2 * 2.5 * 16, new MachinePeak(2, 2.5, 16, "x").gflops(), 0);
    }
}
