package io.github.cmlr.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.cli.Main;
import io.github.cmlr.util.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarizerTest {
    @TempDir
    Path dir;

    private static ResultRecord run(int m, String alg, int rep, Integer toTarget, double finalError) {
        return new ResultRecord("m=" + m + " algorithm=" + alg + " rep=" + rep, "t", m, 10, 2, 1, 4, null, 0.1, alg,
                "symmetric", 2, rep, 1, 2, "cpu", 0.05, 20, toTarget == null ? 20 : toTarget, toTarget, finalError,
                toTarget == null ? "MAX_ITERATIONS" : "TARGET_ERROR", "ok", new double[] {0.5, finalError},
                new double[] {-2, -1}, 1.0, "dev", "x");
    }

    @Test
    void quantilesAndFits() {
        double[] v = {4, 1, 3, 2, 5};
        assertEquals(3, Stats.median(v));
        assertEquals(2, Stats.quantile(v, 0.25));
        assertEquals(4.5, Stats.quantile(new double[] {4, 5}, 0.5));
        assertTrue(Double.isNaN(Stats.median(new double[0])));
        double[] x = {1, 10, 100, 1000};
        double[] y = {3, 3 / Math.sqrt(10), 0.3, 3 / Math.sqrt(1000)};
        assertEquals(-0.5, Stats.logLogSlope(x, y), 1e-12);
        assertEquals(2.0, Stats.fitLine(new double[] {0, 1, 2}, new double[] {1, 3, 5})[1], 1e-12);
    }

    @Test
    void csvHasOneRowPerGridPointWithQuartilesAndFailures() throws Exception {
        try (ResultStore s = ResultStore.open(dir, ResultLines.RESULTS)) {
            int[] iters = {1, 2, 3, 4};
            for (int rep = 0; rep < 4; rep++) s.append(run(100, "clustered", rep, iters[rep], 0.01 * (rep + 1)));
            s.append(run(100, "standard", 0, 5, 0.02));
            s.append(run(100, "standard", 1, null, 0.09));
            s.append(run(400, "clustered", 0, 1, 0.005));
            s.append(run(400, "standard", 0, 3, 0.006));
        }
        StringWriter err = new StringWriter();
        assertEquals(0, Main.commandLine().setErr(new PrintWriter(err, true)).execute("summarize", dir.toString()), err.toString());
        List<String> lines = Files.readAllLines(dir.resolve(Summarizer.CSV));
        assertEquals(5, lines.size(), "header + 4 grid points");
        List<String> head = List.of(lines.get(0).split(","));
        String[] c = lines.get(1).split(",", -1);
        assertEquals("clustered", c[head.indexOf("algorithm")]);
        assertEquals("4", c[head.indexOf("runs")]);
        assertEquals("0", c[head.indexOf("failures")]);
        assertEquals(2.5, Double.parseDouble(c[head.indexOf("iter_median")]), 1e-9);
        assertEquals(1.75, Double.parseDouble(c[head.indexOf("iter_q1")]), 1e-9);
        assertEquals(3.25, Double.parseDouble(c[head.indexOf("iter_q3")]), 1e-9);
        assertEquals(0.025, Double.parseDouble(c[head.indexOf("error_median")]), 1e-9);
        String[] s = lines.get(2).split(",", -1);
        assertEquals("1", s[head.indexOf("failures")]);
        assertEquals(5, Double.parseDouble(s[head.indexOf("iter_median")]), 1e-9, "over the runs that reached the target");
        assertEquals(13, Double.parseDouble(s[head.indexOf("iter_median_censored")]), 1e-9, "median of 5 and max_iter + 1 = 21");
        for (String plot : new String[] {"error_vs_iteration", "error_vs_mn"}) {
            assertTrue(Files.size(dir.resolve(plot + ".png")) > 1000, plot);
            assertTrue(Files.readString(dir.resolve(plot + ".svg")).contains("<svg"), plot);
        }
        assertTrue(!Files.exists(dir.resolve("iterations_vs_snr.png")), "no SNR plot when the SNR does not vary");
    }

    @Test
    void aDirectoryWithoutResultsIsAnIoError() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCode.IO.code(), Main.commandLine().setErr(new PrintWriter(err, true)).execute("summarize", dir.toString()));
        assertTrue(err.toString().contains("no runs.jsonl"), err.toString());
    }
}
