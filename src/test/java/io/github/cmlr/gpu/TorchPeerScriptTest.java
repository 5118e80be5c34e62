package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/torch_em.py, the PyTorch peer of {@code bench gpu}, on a machine without a GPU: it
 * compiles; its pipeline runs on the CPU (with PyTorch where importable, else with a numpy
 * stand-in of the few calls it makes, src/test/resources/faketorch) and EM recovers theta*; and
 * its comparison reads the figures {@code bench gpu --json} writes. Its speed and PyTorch's real
 * behaviour on a GPU are for the device session.
 */
class TorchPeerScriptTest {
    static final Path SCRIPT = Path.of("scripts/torch_em.py");
    static final Path STAND_IN = Path.of("src/test/resources/faketorch");

    @TempDir
    Path tmp;

    record Run(int code, String out) {}

    private static Run python(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    private static boolean importable(String module) throws IOException, InterruptedException {
        return SonameRetargetTest.onPath("python3") && python(Map.of(), "-c", "import " + module).code() == 0;
    }

    @Test
    void compiles() throws Exception {
        assumeTrue(SonameRetargetTest.onPath("python3"), "python3 is not installed");
        Run r = python(Map.of(), "-c", "import py_compile; py_compile.compile('" + SCRIPT + "', cfile='" + tmp.resolve("t.pyc")
                + "', doraise=True)");
        assertEquals(0, r.code(), r.out());
    }

    @Test
    void thePipelineRunsOnTheCpuAndEmRecoversThetaStar() throws Exception {
        boolean torch = importable("torch");
        assumeTrue(torch || importable("numpy"), "neither PyTorch nor numpy is importable");
        Map<String, String> env = torch ? Map.of() : Map.of("PYTHONPATH", STAND_IN.toAbsolutePath().toString());
        Path json = tmp.resolve("torch.json");
        Run r = python(env, SCRIPT.toString(), "--device", "cpu", "--m", "300", "--n", "20", "--d", "3", "--iterations", "10",
                "--chunk-nodes", "64", "--json", json.toString());
        assertEquals(0, r.code(), r.out());
        JsonNode f = new ObjectMapper().readTree(json.toFile());
        assertTrue(f.get("finalError").asDouble() < 0.05, r.out()); // 6000 rows at SNR 4: the statistical error is ~0.01
        assertTrue(f.get("logLikelihoodIncreases").asBoolean(), "EM never decreases the likelihood: " + r.out());
        assertEquals(6000.0, f.get("samples").asDouble());
        for (String k : List.of("generationSeconds", "statisticsSeconds", "emSeconds", "totalSeconds")) {
            assertTrue(f.get(k).asDouble() > 0, k);
        }
        assertTrue(r.out().contains("TORCH_EM_JSON {"), r.out());
    }

    @Test
    void comparesWithTheFiguresOfBenchGpuJson() throws Exception {
        assumeTrue(SonameRetargetTest.onPath("python3"), "python3 is not installed");
        GpuBenchCommand.Figures cmlr = new GpuBenchCommand.Figures("gpu (test)", 100000, 1000, 10, 10, 8192, 1e8, 4e12, "cuRAND",
                1e11, "cuBLAS strided-batched GEMM", 0.10, 0.25, 0.05, 0.40, 2.5e8, 0.9, 0.6, 1e-3, 16, 2000, 1e7);
        Path cmlrJson = Files.writeString(tmp.resolve("bench.json"), new ObjectMapper().writeValueAsString(cmlr));
        Path torchJson = Files.writeString(tmp.resolve("torch.json"), "{\"m\": 100000, \"n\": 1000, \"d\": 10, \"iterations\": 10,"
                + " \"samplesPerSecond\": 1.25e8, \"generationSeconds\": 0.2, \"statisticsSeconds\": 0.5, \"emSeconds\": 0.1,"
                + " \"copyBandwidthBytesPerSecond\": 4.3e12}");
        Run r = python(Map.of(), SCRIPT.toString(), "--compare-only", torchJson.toString(), "--cmlr-json", cmlrJson.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("pipeline samples/s: 2.00 (cmlr 2.5e+08, PyTorch 1.25e+08)"), r.out());
        assertTrue(r.out().contains("generation: 2.00 (cmlr 0.100 s, PyTorch 0.200 s)"), r.out());
        assertTrue(r.out().contains("statistics: 2.00") && r.out().contains("em: 2.00"), r.out());
        assertTrue(r.out().contains("MET  cmlr pipeline at least as fast as PyTorch's: 2.00"), r.out());
        assertTrue(r.out().contains("MISSED statistics pass at least 70% of the copy bandwidth: 0.60"), r.out());
        assertTrue(r.out().contains("MET  generation at least 80% of raw generation: 0.90"), r.out());

        Files.writeString(torchJson, Files.readString(torchJson).replace("\"d\": 10", "\"d\": 5"));
        Run other = python(Map.of(), SCRIPT.toString(), "--compare-only", torchJson.toString(), "--cmlr-json", cmlrJson.toString());
        assertTrue(other.out().contains("not comparable: d is 10 for cmlr and 5 for PyTorch"), other.out());
    }

    @Test
    void withoutPyTorchItSaysSoInsteadOfATraceback() throws Exception {
        assumeTrue(SonameRetargetTest.onPath("python3") && !importable("torch"), "PyTorch is importable here");
        Run r = python(Map.of(), SCRIPT.toString(), "--m", "10");
        assertNotEquals(0, r.code());
        assertTrue(r.out().contains("torch_em: PyTorch is not importable here") && !r.out().contains("Traceback"), r.out());
    }
}
