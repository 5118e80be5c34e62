package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers bin/cmlr (src/bundle/cmlr) and native-check pass CMLR_JAVA_OPTS and the bundle's
 * native folders to Java: a fake java prints the arguments it was given.
 */
class LaunchersTest {
    @TempDir
    Path tmp;

    private Path bundle() throws IOException {
        Path b = tmp.resolve("bundle");
        for (String d : new String[] {"bin", "runtime/bin", "lib/native", "lib/native-cu13"}) Files.createDirectories(b.resolve(d));
        Files.copy(Path.of("native-check/native-check"), b.resolve("bin/native-check"));
        Files.copy(Path.of("src/bundle/cmlr"), b.resolve("bin/cmlr"));
        Files.writeString(b.resolve("lib/cmlr.jar"), "");
        Path java = Files.writeString(b.resolve("runtime/bin/java"), "#!/bin/sh\necho \"java $*\"\n");
        assertTrue(java.toFile().setExecutable(true));
        return b;
    }

    private static String run(Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("CMLR_JAR");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.trim();
    }

    @Test
    void nativeCheckInTheBundleUsesItsRuntimeNativeFoldersAndCmlrJavaOpts() throws Exception {
        Path b = bundle();
        String out = run(Map.of("CMLR_JAVA_OPTS", "-Dfirst=1 -Xmx1g"), "sh", b.resolve("bin/native-check").toString(), "--json");
        String bin = b.resolve("bin") + "/..";
        assertEquals("java --enable-native-access=ALL-UNNAMED -Djava.library.path=" + bin + "/lib/native -Dcmlr.jcublas.cu13.dir=" + bin
                + "/lib/native-cu13 -Djava.awt.headless=true -Dfirst=1 -Xmx1g -jar " + bin + "/lib/cmlr.jar native-check --json", out);
    }

    @Test
    void nativeCheckFromASourceCheckoutUsesJavaHomeAndCmlrJavaOpts() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("jdk/bin"));
        Path java = Files.writeString(home.resolve("java"), "#!/bin/sh\necho \"jdk $*\"\n");
        assertTrue(java.toFile().setExecutable(true));
        Path jar = Files.writeString(tmp.resolve("cmlr.jar"), "");
        String out = run(Map.of("JAVA_HOME", tmp.resolve("jdk").toString(), "CMLR_JAR", jar.toString(),
                "CMLR_JAVA_OPTS", "-Djcuda.LibUtils.level=INFO"), "sh", "native-check/native-check");
        assertEquals("jdk -Djava.awt.headless=true -Djcuda.LibUtils.level=INFO -jar " + jar + " native-check", out);
    }

    @Test
    void cmlrInTheBundlePassesTheCuda13FolderAndCmlrJavaOpts() throws Exception {
        Path b = bundle();
        String out = run(Map.of("CMLR_JAVA_OPTS", "-Xmx2g"), "sh", b.resolve("bin/cmlr").toString(), "crosscheck", "--suite");
        assertEquals("java --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -Djava.library.path=" + b + "/lib/native"
                + " -Dcmlr.jcublas.cu13.dir=" + b + "/lib/native-cu13 -Xmx2g -jar " + b + "/lib/cmlr.jar crosscheck --suite", out);
    }
}
