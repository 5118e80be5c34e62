package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.MemoryBudget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Issue class 1: requests too large for the heap, sizes that overflow, and quantities that
 * underflow end in a documented exit code and a message naming the option or file, never in
 * exit 1 with a Java stack trace. Every size is refused before it is allocated.
 */
class ResourceLimitsTest {
    @TempDir
    Path dir;

    private FitCliHarness.Result runIn(String... args) throws IOException {
        List<String> before = FitCliHarness.listing(dir);
        FitCliHarness.Result r = FitCliHarness.run(args);
        assertEquals(before, FitCliHarness.listing(dir), "no output or temporary file may remain");
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
        return r;
    }

    @Command(name = "exhaust")
    static final class Exhaust implements Callable<Integer> {
        final Error error;

        Exhaust(Error error) {
            this.error = error;
        }

        @Override
        public Integer call() {
            throw error;
        }
    }

    @Command(name = "recurse")
    static final class Recurse implements Callable<Integer> {
        @Override
        public Integer call() {
            return depth(0);
        }

        private static int depth(int d) {
            return depth(d + 1) + 1;
        }
    }

    private static String exhausted(Object command, String name) {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand(name, command);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(ExitCode.RESOURCES.code(), Main.execute(cl, name));
        assertFalse(err.toString().contains("\tat ") || err.toString().contains("Error:"), err.toString());
        return err.toString();
    }

    @Test
    void anOutOfMemoryErrorLeftIsAPlainMessageWithItsOwnExitCode() {
        String err = exhausted(new Exhaust(new OutOfMemoryError("Java heap space")), "exhaust");
        assertTrue(err.contains("ran out of memory") && err.contains("-Xmx"), err);
        assertTrue(err.contains(MemoryBudget.bytes(Runtime.getRuntime().maxMemory())), "names the limit: " + err);
    }

    @Test
    void aRealStackOverflowIsAPlainMessageWithItsOwnExitCode() {
        String err = exhausted(new Recurse(), "recurse");
        assertTrue(err.contains("stack overflowed") && err.contains("-Xss"), err);
    }

    /** m = n = d = 2e9: m*n*d = 8e27 overflows a long; refused as too large, not passed as negative. */
    @Test
    void simulateSizesThatOverflowALongAreRefused() throws IOException {
        FitCliHarness.Result r = runIn("simulate", "--m", "2000000000", "--n", "2000000000", "--d", "2000000000",
                "--snr", "4", "--out", dir.resolve("s.csv").toString());
        assertEquals(ExitCode.USAGE.code(), r.code(), r.err());
        assertTrue(r.err().contains("--m * --n * --d") && r.err().contains("do not fit"), r.err());
    }

    /** Below the 2^31-cell cap but beyond the heap of the test JVM (-Xmx4g): refused with the estimate. */
    @Test
    void simulateBeyondTheHeapIsRefusedWithTheEstimate() throws IOException {
        FitCliHarness.Result r = runIn("simulate", "--m", "2000", "--n", "1000", "--d", "1000", "--snr", "4",
                "--out", dir.resolve("s.csv").toString());
        assertEquals(ExitCode.RESOURCES.code(), r.code(), r.err());
        assertTrue(r.err().contains("simulate --m 2000 --n 1000 --d 1000") && r.err().contains("16.0 GB"), r.err());
        assertTrue(r.err().contains("-Xmx") && r.err().contains("limit"), r.err());
    }

    @Test
    void fitWithABillionStartsIsRefusedBeforeReadingAnything() throws IOException {
        Path data = dir.resolve("d.csv");
        Files.writeString(data, "node,y,x1\na,1,2\na,2,3\nb,1,1\nb,5,2\n");
        FitCliHarness.Result r = runIn("fit", data.toString(), "--starts", "1000000000", "--backend", "cpu",
                "--out", dir.resolve("r.json").toString());
        assertEquals(ExitCode.RESOURCES.code(), r.code(), r.err());
        assertTrue(r.err().contains("--starts 1000000000") && r.err().contains("GB"), r.err());
    }

    private Path spec(String name, String axes, String extra) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "name: big\n" + extra + "axes:\n" + axes + "stopping:\n  max_iter: 5\n  target: {c: 1.5}\n",
                StandardCharsets.UTF_8);
        return f;
    }

    /** 2e9 runs (allowed by max_runs) would be built in memory: refused at max_runs with the estimate. */
    @Test
    void aSweepPlanTooLargeForTheHeapIsRefusedBeforeItIsBuilt() throws IOException {
        Path f = spec("plan.yaml", "  m: 10\n  n: 5\n  d: 2\n  algorithm: [clustered, standard]\n",
                "repetitions: 1000000000\nmax_runs: 3000000000\n");
        FitCliHarness.Result r = runIn("sweep", f.toString(), "--out", dir.resolve("out").toString(), "--backend", "cpu");
        assertEquals(ExitCode.RESOURCES.code(), r.code(), r.err());
        assertTrue(r.err().contains(f + ":3:") && r.err().contains("2000000000 runs") && r.err().contains("-Xmx"), r.err());
    }

    @Test
    void aSweepDatasetTooLargeForTheHeapIsRefusedNamingTheAxis() throws IOException {
        Path f = spec("data.yaml", "  m: 2000\n  n: 1000\n  d: 1000\n", "");
        FitCliHarness.Result r = runIn("sweep", f.toString(), "--out", dir.resolve("out").toString(), "--backend", "cpu");
        assertEquals(ExitCode.RESOURCES.code(), r.code(), r.err());
        assertTrue(r.err().contains(f + ":3:") && r.err().contains("m=2000, n=1000, d=1000"), r.err());
    }

    /** sigma^2 under- or overflows, ||theta*|| overflows, y^2 sums overflow: each named at its axis. */
    @Test
    void sweepQuantitiesThatLeaveTheDoubleRangeAreRefused() throws IOException {
        String[][] cases = {
            {"  m: 10\n  n: 5\n  d: 2\n  sigma: 1e-300\n", ":6:", "underflows"},
            {"  m: 10\n  n: 5\n  d: 2\n  sigma: 1e300\n", ":6:", "overflows"},
            {"  m: 10\n  n: 5\n  d: 2\n  snr: 1e308\n  sigma: 10\n", ":6:", "theta"},
            {"  m: 10\n  n: 5\n  d: 2\n  sigma: 1e150\n  snr: 10000\n", ":7:", "overflow"},
        };
        for (String[] c : cases) {
            Path f = spec("range.yaml", c[0], "");
            FitCliHarness.Result r = runIn("sweep", f.toString(), "--out", dir.resolve("out").toString(), "--backend", "cpu");
            assertEquals(ExitCode.SPEC.code(), r.code(), c[0] + r.err());
            assertTrue(r.err().contains(f + c[1]) && r.err().contains(c[2]), c[0] + r.err());
        }
    }

    @Test
    void simulateRefusesSignalsWhoseDataWouldBeInfinite() throws IOException {
        for (String[] opts : new String[][] {{"--snr", "1e308"}, {"--snr", "1e300", "--sigma", "1e10"}, {"--theta", "1e308,1e308"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("simulate", "--m", "3", "--n", "2", "--d", "2",
                    "--out", dir.resolve("s.csv").toString()));
            args.addAll(List.of(opts));
            FitCliHarness.Result r = runIn(args.toArray(new String[0]));
            assertEquals(ExitCode.USAGE.code(), r.code(), r.err());
            assertTrue(r.err().contains(opts[0]) && r.err().contains("Infinity"), r.err());
        }
        FitCliHarness.Result tiny = runIn("simulate", "--m", "3", "--n", "2", "--d", "2", "--snr", "1e-200", "--sigma", "1e-200",
                "--out", dir.resolve("s.csv").toString());
        assertEquals(ExitCode.USAGE.code(), tiny.code(), tiny.err());
        assertTrue(tiny.err().contains("underflows to 0"), tiny.err());
    }

    @Test
    void budgetArithmeticSaturatesInsteadOfWrappingAround() {
        assertEquals(Long.MAX_VALUE, MemoryBudget.product(2_000_000_000L, 2_000_000_000L, 2_000_000_000L));
        assertEquals(Long.MAX_VALUE, MemoryBudget.sum(Long.MAX_VALUE - 1, 5));
        assertEquals(24, MemoryBudget.product(2, 3, 4));
        assertEquals("16.0 GB", MemoryBudget.bytes(16_000_000_000L));
    }

    /**
     * One node, 3 rows, 1,200 features under a 192 MB heap: the answer is the documented "too few
     * rows" (exit 4), not an out-of-memory exit, because the statistics allocate little before the
     * checks (64 nodes of 1200 x 1200 would be 737 MB).
     */
    @Test
    void wideDataAnswerTheRowCheckUnderASmallHeap() throws Exception {
        int d = 1200;
        StringBuilder b = new StringBuilder("node,y");
        for (int k = 1; k <= d; k++) b.append(",x").append(k);
        b.append('\n');
        for (int r = 0; r < 3; r++) {
            b.append("a,").append(r);
            for (int k = 1; k <= d; k++) b.append(',').append((r * 31 + k) % 7);
            b.append('\n');
        }
        Path data = Files.writeString(dir.resolve("wide.csv"), b.toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx192m", "-cp", System.getProperty("java.class.path"),
                "io.github.cmlr.cli.Main", "fit", data.toString(), "--k", "1", "--backend", "cpu", "--quiet",
                "--out", dir.resolve("r.json").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(ExitCode.DATA_INSUFFICIENT.code(), p.exitValue(), out);
        assertTrue(out.contains("3 rows cannot determine 1200 coefficients"), out);
        assertFalse(Files.exists(dir.resolve("r.json")));
    }
}
