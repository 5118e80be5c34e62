package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cli.Main;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.util.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The cross-check's comparison and verdict logic, run CPU against CPU (no device needed). */
class CrosscheckLogicTest {
    static final SyntheticSpec SPEC = SyntheticSpec.withSnr(41, 6, 3, 1.0, 4.0, 9L);

    @Test
    void cpuAgainstItselfHasNoDifferenceAnywhere() {
        try (CpuBackend a = new CpuBackend(1); CpuBackend b = new CpuBackend(2)) {
            List<Comparison> rows = new Crosscheck(a, b).run(SPEC, 3);
            assertTrue(Crosscheck.allPassed(rows));
            for (Comparison c : rows) assertEquals(0.0, c.maxAbs(), c.toString());
            for (String scope : new String[] {"data", "statistics", "clustered/symmetric", "clustered/mixture", "standard/symmetric",
                "standard/mixture"}) {
                assertTrue(rows.stream().anyMatch(c -> c.scope().equals(scope)), scope);
            }
            assertTrue(rows.stream().anyMatch(c -> c.quantity().equals("theta after iteration 3")));
            assertTrue(rows.stream().anyMatch(c -> c.quantity().equals("parameters after iteration 3")));
        }
    }

    /** Statistics off by a relative 1e-9: beyond the statistics tolerance, so the check must fail there. */
    @Test
    void aPerturbedStatisticsPassIsCaught() {
        try (CpuBackend a = new CpuBackend(1); Backend b = new PerturbedStats(new CpuBackend(1), 1e-9)) {
            List<Comparison> rows = new Crosscheck(a, b).run(SPEC, 2);
            assertFalse(Crosscheck.allPassed(rows));
            Comparison g = rows.stream().filter(c -> c.scope().equals("statistics") && c.quantity().equals("G_j")).findFirst().get();
            assertFalse(g.passed(), g.toString());
            assertTrue(rows.stream().filter(c -> c.scope().equals("data")).allMatch(Comparison::passed));
        }
    }

    @Test
    void commandExitsZeroWithJsonWhenAllAgree() throws Exception {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute("crosscheck", "--candidate", "cpu", "--m", "19", "--n", "3", "--d", "2", "--iterations", "2", "--json");
        assertEquals(ExitCode.OK.code(), code, out.toString());
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertTrue(root.get("passed").asBoolean());
        assertTrue(root.get("comparisons").size() > 20);
        assertEquals(ExitCode.USAGE.code(), Main.commandLine().execute("crosscheck", "--candidate", "cpu", "--iterations", "0"));
    }

    /** The suite's awkward sizes (including m = n = d = 1) run end to end. */
    @Test
    void suitePassesCpuAgainstItself() {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(ExitCode.OK.code(), cl.execute("crosscheck", "--candidate", "cpu", "--suite", "--iterations", "1"), out.toString());
        assertTrue(out.toString().contains("m=1 n=1 d=1"), out.toString());
        assertTrue(out.toString().contains("verdict: PASS"), out.toString());
    }

    @Test
    void textReportMarksExceededRowsAndGivesAFailVerdict() {
        List<Comparison> rows = List.of(Comparison.of("data", "x", 1.0, 1.0, 0), Comparison.of("statistics", "G_j", 1.0, 1.5, 1e-11));
        String text = CrosscheckReport.text(SPEC, "test", rows);
        assertTrue(text.contains("EXCEEDED"), text);
        assertTrue(text.contains("verdict: FAIL, 1 of 2"), text);
    }

    /** Delegates to the CPU but scales every G_j by (1 + eps). */
    static final class PerturbedStats implements Backend {
        private final CpuBackend cpu;
        private final double eps;

        PerturbedStats(CpuBackend cpu, double eps) {
            this.cpu = cpu;
            this.eps = eps;
        }

        @Override public String name() { return "perturbed"; }
        @Override public String description() { return "perturbed cpu"; }
        @Override public Dataset generate(SyntheticSpec spec) { return cpu.generate(spec); }

        @Override
        public NodeStats nodeStats(Dataset data) {
            NodeStats s = cpu.nodeStats(data);
            double[] g = s.gram().clone();
            for (int i = 0; i < g.length; i++) g[i] *= 1 + eps;
            return new NodeStats(s.dim(), s.counts(), g, s.xty(), s.yty(), null);
        }

        @Override public UnitOps nodeUnits(NodeStats stats) { return cpu.nodeUnits(stats); }
        @Override public UnitOps sampleUnits(Dataset data) { return cpu.sampleUnits(data); }
        @Override public void close() { cpu.close(); }
    }
}
