package io.github.cmlr.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepSpecParserTest {
    static final String GOOD = String.join("\n",
            "name: demo",
            "seed: 7",
            "repetitions: 3",
            "axes:",
            "  m: [100, 400]",
            "  n: [40, 10]",
            "  d: 5",
            "  snr: [4, 2.5]",
            "  algorithm: [clustered, standard, oracle]",
            "zip: [[m, n]]",
            "stopping:",
            "  max_iter: 30",
            "  target: {c: 2}",
            "");

    private static CmlrException bad(String yaml) {
        CmlrException e = assertThrows(CmlrException.class, () -> SweepSpecParser.parse(yaml, "s.yaml"));
        assertEquals(ExitCode.SPEC, e.exitCode(), e.getMessage());
        return e;
    }

    private static void badAt(String yaml, int line, String fragment) {
        String msg = bad(yaml).getMessage();
        assertTrue(msg.startsWith("s.yaml:" + line + ":"), "line " + line + " expected in: " + msg);
        assertTrue(msg.contains(fragment), "'" + fragment + "' expected in: " + msg);
    }

    @Test
    void parsesAGoodSpecAndFillsDefaults() {
        SweepSpec s = SweepSpecParser.parse(GOOD, "s.yaml");
        assertEquals("demo", s.name());
        assertEquals(7, s.seed());
        assertEquals(List.of(100L, 400L), s.values(Axis.M));
        assertEquals(List.of(5L), s.values(Axis.D));
        assertEquals(List.of(4.0, 2.5), s.values(Axis.SNR));
        assertEquals(List.of(1.0), s.values(Axis.SIGMA));
        assertEquals(List.of(1.0 / 14), s.values(Axis.INIT_RADIUS));
        assertEquals(List.of(List.of(Axis.M, Axis.N)), s.zip());
        assertEquals(30, s.stopping().maxIter());
        assertTrue(s.stopping().target().isScaled());
        assertEquals(2 * Math.sqrt(5.0 / 4000), s.stopping().target().value(1, 5, 100, 40), 1e-15);
        assertTrue(s.stopping().stopAtTarget());
    }

    @Test
    void unknownTopLevelKey() {
        badAt(GOOD.replace("repetitions: 3", "repetitons: 3"), 3, "unknown key 'repetitons'");
    }

    @Test
    void unknownAxis() {
        badAt(GOOD.replace("  d: 5", "  dim: 5"), 7, "unknown axis 'dim'");
    }

    @Test
    void unknownStoppingKey() {
        badAt(GOOD.replace("  max_iter: 30", "  max_iters: 30"), 12, "unknown key 'max_iters' in stopping");
    }

    @Test
    void mBelowOne() {
        badAt(GOOD.replace("m: [100, 400]", "m: [100, 0]"), 5, "m must be >= 1, got 0");
    }

    @Test
    void snrNotPositive() {
        badAt(GOOD.replace("snr: [4, 2.5]", "snr: [4, -1]"), 8, "snr must be finite and > 0");
    }

    @Test
    void emptyAxis() {
        badAt(GOOD.replace("  snr: [4, 2.5]", "  snr: []"), 8, "axis 'snr' is empty");
    }

    @Test
    void unknownAlgorithm() {
        badAt(GOOD.replace("oracle]", "oracel]"), 9, "algorithm must be one of");
    }

    @Test
    void zipOfUnequalLengths() {
        badAt(GOOD.replace("n: [40, 10]", "n: [40, 10, 4]"), 10, "zipped axes must have equal lengths");
    }

    @Test
    void zipOfAnAxisNotInTheSweep() {
        badAt(GOOD.replace("zip: [[m, n]]", "zip: [[m, backend]]"), 10, "not an axis of this sweep");
    }

    @Test
    void gridLargerThanTheLimit() {
        badAt(GOOD.replace("seed: 7", "seed: 7\nmax_runs: 10"), 3, "expands to 36 runs, more than the limit of 10");
    }

    @Test
    void missingStopping() {
        String msg = bad(GOOD.substring(0, GOOD.indexOf("stopping:"))).getMessage();
        assertTrue(msg.contains("missing required key 'stopping'"), msg);
    }

    @Test
    void badTargetAndNotANumber() {
        badAt(GOOD.replace("{c: 2}", "{c: 2, constant: 0.1}"), 13, "exactly one of");
        badAt(GOOD.replace("max_iter: 30", "max_iter: lots"), 12, "expected an integer");
        badAt(GOOD.replace("{c: 2}", "-0.5"), 13, "must be finite and > 0");
    }

    @Test
    void snrAndThetaNormTogether() {
        badAt(GOOD.replace("  d: 5", "  d: 5\n  theta_norm: 3"), 8, "either snr or theta_norm");
    }

    @Test
    void duplicateKeyAndBrokenYaml() {
        badAt(GOOD.replace("  d: 5", "  d: 5\n  d: 6"), 8, "duplicate key 'd'");
        String msg = bad("axes: [m: 1\nstopping: {").getMessage();
        assertTrue(msg.matches("(?s)s\\.yaml:\\d+:\\d+: not valid YAML.*"), msg);
    }

    @Test
    void datasetTooLargeForMemory() {
        badAt(GOOD.replace("m: [100, 400]", "m: [100, 50000000]"), 5, "cannot be held in memory");
    }

    @Test
    void everyExampleAndBuiltInSweepIsValid() throws Exception {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("examples"))) {
            List<java.nio.file.Path> sweeps = files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("k8s")).toList();
            assertTrue(sweeps.size() >= 2, "examples/ has sweep files");
            for (java.nio.file.Path p : sweeps) assertTrue(SweepPlan.expand(SweepSpecParser.parse(p)).runs().size() > 0, p.toString());
        }
        for (Scale scale : Scale.values()) {
            for (String e : Scale.EXPERIMENTS) assertTrue(SweepPlan.expand(scale.sweep(e)).runs().size() > 0, scale + "/" + e);
        }
    }
}
