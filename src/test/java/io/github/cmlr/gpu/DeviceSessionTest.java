package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * native-check/device-session.sh without a GPU: its time plan fits the device budget, and with a
 * fake bundle (launchers that record their calls, carried without executable bits) it stops after
 * a fatal native-check, repeats a crashed crosscheck with synchronous launches, runs the PyTorch
 * peer with the bench figures, and never runs past its deadline.
 */
class DeviceSessionTest {
    static final Path SCRIPT = Path.of("native-check/device-session.sh");

    @TempDir
    Path tmp;

    record Run(int code, String out) {}

    private Run session(String bundle, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString(), bundle).redirectErrorStream(true);
        pb.environment().put("OUT", tmp.resolve("out").toString());
        pb.environment().put("TMPDIR", Files.createDirectories(tmp.resolve("tmpdir")).toString());
        pb.environment().put("CALLS", tmp.resolve("calls.txt").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /** A bundle whose launchers record each call (with CUDA_LAUNCH_BLOCKING) and exit as told; no exec bits. */
    private Path fakeBundle(String nativeCheck, String cmlr) throws IOException {
        Path b = Files.createDirectories(tmp.resolve("cmlr-0.1.0-linux-x86_64"));
        Files.createDirectories(b.resolve("bin"));
        Files.createDirectories(b.resolve("runtime/bin"));
        Files.writeString(b.resolve("runtime/bin/java"), "#!/bin/sh\nexit 0\n");
        Files.writeString(b.resolve("bin/native-check"), "echo \"native-check $*\" >> \"$CALLS\"\n" + nativeCheck + "\n");
        Files.writeString(b.resolve("bin/cmlr"), "echo \"cmlr $* blocking=${CUDA_LAUNCH_BLOCKING:-0}\" >> \"$CALLS\"\n" + cmlr + "\n");
        return b;
    }

    /** python3 first on PATH: records its arguments instead of running the PyTorch peer. */
    private String fakePython() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("fakebin"));
        Path py = Files.writeString(bin.resolve("python3"), "#!/bin/sh\necho \"python3 $*\" >> \"$CALLS\"\n");
        assertTrue(py.toFile().setExecutable(true));
        return bin + ":" + System.getenv("PATH");
    }

    private List<String> calls() throws IOException {
        Path f = tmp.resolve("calls.txt");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void theStepLimitsFitTheDeviceBudgetWithRoomForARerun() throws Exception {
        Process p = new ProcessBuilder("sh", SCRIPT.toString(), "--plan").redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor());
        Map<String, Integer> limits = new HashMap<>();
        int total = -1;
        int session = -1;
        for (String l : lines) {
            String[] f = l.split(" ");
            if (f[0].equals("step")) limits.put(f[1], Integer.parseInt(f[2]));
            if (f[0].equals("total")) total = Integer.parseInt(f[1]);
            if (f[0].equals("session")) session = Integer.parseInt(f[1]);
        }
        assertEquals(List.of("bench", "crosscheck", "crosscheck-blocking", "machine", "native-check", "suite", "torch"),
                limits.keySet().stream().sorted().toList());
        assertEquals(limits.values().stream().mapToInt(Integer::intValue).sum(), total);
        assertTrue(limits.values().stream().allMatch(v -> v >= 10), limits.toString());
        // 15 minutes of device time per issue, start-up included: one session and its rerun must fit
        assertTrue(total <= 480 && session <= 480, "total " + total + " s, session " + session + " s");
    }

    @Test
    void stopsRightAfterNativeCheckFailsAtTheDriverStage() throws Exception {
        Path b = fakeBundle("echo 'VERDICT: FAILED at driver'; exit 21", "exit 0");
        Run r = session(b.toString(), Map.of("PATH", fakePython()));
        assertEquals(21, r.code(), r.out());
        assertTrue(r.out().contains("STOP: native-check exit 21"), r.out());
        assertEquals(List.of("native-check "), calls(), "nothing after native-check ran");
        assertTrue(Files.readString(tmp.resolve("out/native-check.txt")).contains("VERDICT: FAILED at driver"));
    }

    @Test
    void stopsWhenNativeCheckHangsPastItsLimit() throws Exception {
        Path b = fakeBundle("sleep 20", "exit 0");
        Run r = session(b.toString(), Map.of("L_NATIVE_CHECK", "1", "L_CROSSCHECK", "999"));
        assertEquals(124, r.code(), r.out());
        assertTrue(r.out().contains("native-check: TIMED OUT after 1 s"), r.out());
        assertFalse(calls().stream().anyMatch(c -> c.startsWith("cmlr")), calls().toString());
    }

    @Test
    void aHealthyRunGoesThroughEveryStepAndHandsTheBenchFiguresToThePeer() throws Exception {
        String cmlr = "case \"$*\" in *bench*) echo '{\"samplesPerSecond\": 1}';; esac; exit 0";
        Path b = fakeBundle("echo 'VERDICT: OK'; exit 0", cmlr);
        Run r = session(b.toString(), Map.of("PATH", fakePython()));
        assertEquals(0, r.code(), r.out());
        Path out = tmp.resolve("out");
        List<String> got = calls();
        assertEquals(List.of("native-check ", "cmlr crosscheck blocking=0", "cmlr crosscheck --suite blocking=0",
                "cmlr bench gpu --json blocking=0"), got.subList(0, 4));
        assertEquals(5, got.size(), got.toString());
        assertTrue(got.get(4).startsWith("python3 ") && got.get(4).endsWith("/scripts/torch_em.py --cmlr-json " + out.resolve("bench.json")
                + " --json " + out.resolve("torch.json")), got.toString());
        assertEquals("{\"samplesPerSecond\": 1}", Files.readString(out.resolve("bench.json")).trim());
        assertTrue(r.out().contains("total "), r.out());
    }

    @Test
    void aCrashedCrosscheckIsRepeatedWithSynchronousLaunches() throws Exception {
        Path b = fakeBundle("exit 0", "case \"$*\" in crosscheck) exit 134;; esac; exit 0");
        Run r = session(b.toString(), Map.of("PATH", fakePython()));
        assertEquals(0, r.code(), r.out());
        assertEquals(List.of("cmlr crosscheck blocking=0", "cmlr crosscheck blocking=1"), calls().subList(1, 3));
        // a numbers problem (exit 8) is not a fault: no repetition
        Files.delete(tmp.resolve("calls.txt"));
        Files.writeString(b.resolve("bin/cmlr"), "echo \"cmlr $* blocking=${CUDA_LAUNCH_BLOCKING:-0}\" >> \"$CALLS\"\n"
                + "case \"$*\" in crosscheck) exit 8;; esac; exit 0\n");
        session(b.toString(), Map.of("PATH", fakePython()));
        assertEquals("cmlr crosscheck --suite blocking=0", calls().get(2));
    }

    @Test
    void aCarriedTarGzIsUnpackedAndItsLaunchersStartedThroughSh() throws Exception {
        Path b = fakeBundle("echo 'VERDICT: FAILED at kernel-module'; exit 24", "exit 0");
        Path tgz = tmp.resolve("bundle.tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", tgz.toString(), "-C", tmp.toString(), b.getFileName().toString()).start();
        assertEquals(0, tar.waitFor());
        Run r = session(tgz.toString(), Map.of());
        assertEquals(24, r.code(), r.out());
        assertTrue(r.out().contains("bundle: " + tmp.resolve("tmpdir")), r.out());
        assertEquals(List.of("native-check "), calls());
    }

    @Test
    void stepsNeverRunPastTheSessionDeadline() throws Exception {
        int budget = 8;
        List<String> lines = new ArrayList<>(Files.readAllLines(SCRIPT));
        assertTrue(lines.contains("SESSION_S=480"), "the budget line");
        lines.replaceAll(l -> l.equals("SESSION_S=480") ? "SESSION_S=" + budget : l);
        Path shortScript = Files.write(tmp.resolve("short-session.sh"), lines);
        Path b = fakeBundle("exit 0", "sleep 4; exit 0"); // three cmlr steps of 4 s would overrun 8 s
        ProcessBuilder pb = new ProcessBuilder("sh", shortScript.toString(), b.toString()).redirectErrorStream(true);
        pb.environment().put("OUT", tmp.resolve("out").toString());
        pb.environment().put("CALLS", tmp.resolve("calls.txt").toString());
        pb.environment().put("PATH", fakePython());
        long t0 = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        double secs = (System.nanoTime() - t0) * 1e-9;
        assertTrue(out.contains("SKIPPED, the session's " + budget + " s are used up"), out);
        assertTrue(secs <= budget + 3, secs + " s for a session of " + budget + " s:\n" + out);
        assertFalse(calls().contains("cmlr bench gpu --json blocking=0"), calls().toString());
    }
}
