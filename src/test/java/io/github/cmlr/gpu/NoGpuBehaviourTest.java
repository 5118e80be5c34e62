package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.cli.Main;
import io.github.cmlr.util.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What the GPU side does on a machine without a usable GPU (CI): a reason instead of an
 * exception, native-check's JSON and exit code, crosscheck's exit code. Skipped where a GPU works.
 */
class NoGpuBehaviourTest {
    static GpuBackendFactory.Attempt attempt;

    @BeforeAll
    static void open() {
        attempt = GpuBackendFactory.tryOpen(1);
        if (attempt.backend() != null) attempt.backend().close();
    }

    private static void assumeNoGpu() {
        assumeTrue(attempt.backend() == null, "a GPU is usable here; the no-GPU behaviour is not observable");
    }

    @Test
    void tryOpenGivesAReasonNotAnException() {
        assumeNoGpu();
        assertNull(attempt.backend());
        assertNotNull(attempt.reason());
        assertFalse(attempt.reason().isBlank());
        assertTrue(attempt.reason().length() < 400, "reason should be one readable line: " + attempt.reason());
    }

    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void nativeCheckJsonNamesEveryStageAndTheFailingStagesExitCode() throws Exception {
        assumeNoGpu();
        String[] r = run("native-check", "--json");
        JsonNode root = new ObjectMapper().readTree(r[1]);
        int code = Integer.parseInt(r[0]);
        assertEquals(code, root.get("exitCode").asInt());
        assertTrue(code >= 20 && code <= 27, "exit code " + code);
        assertFalse(root.get("gpu").asBoolean());
        assertTrue(root.get("verdict").asText().startsWith("VERDICT: "), root.get("verdict").asText());
        Set<String> ids = new HashSet<>();
        String failed = null;
        for (JsonNode s : root.get("stages")) {
            ids.add(s.get("stage").asText());
            for (String f : new String[] {"title", "status", "detail", "exitCodeIfFailed"}) assertTrue(s.has(f), f);
            if (s.get("status").asText().equals("fail") && failed == null) {
                failed = s.get("stage").asText();
                assertEquals(code, s.get("exitCodeIfFailed").asInt());
            }
        }
        assertNotNull(failed, "no failing stage although the exit code is " + code);
        for (NativeCheck.Stage s : NativeCheck.Stage.values()) assertTrue(ids.contains(s.id), s.id);
    }

    @Test
    void nativeCheckSaysPlainlyThatThereIsNoGpu() {
        assumeNoGpu();
        assumeTrue(KernelImage.present(), "kernels not built here, native-check stops at stage 'kernels'");
        String[] r = run("native-check");
        assertTrue(r[1].contains("NO GPU"), r[1]);
        assertTrue(r[1].lines().anyMatch(l -> l.startsWith("VERDICT: ")), r[1]);
    }

    @Test
    void exitCodesOfTheStagesAreDistinct() {
        Set<Integer> codes = new HashSet<>();
        for (NativeCheck.Stage s : NativeCheck.Stage.values()) if (s.exitCode != 0) assertTrue(codes.add(s.exitCode), s.id);
        for (ExitCode e : ExitCode.values()) assertFalse(codes.contains(e.code()), "clashes with " + e);
    }

    @Test
    void crosscheckAndBenchExitWithGpuUnavailable() {
        assumeNoGpu();
        String[] r = run("crosscheck", "--m", "5", "--n", "2", "--d", "1");
        assertEquals(ExitCode.GPU_UNAVAILABLE.code(), Integer.parseInt(r[0]), r[2]);
        assertTrue(r[2].contains("no usable GPU"), r[2]);
        assertEquals(ExitCode.GPU_UNAVAILABLE.code(), Integer.parseInt(run("bench", "gpu", "--m", "4", "--n", "2")[0]));
    }
}
