package io.github.cmlr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's launcher (src/bin/cmlr, written to target/cmlr by the build) passes its heap settings,
 * the class-data archive only while it is newer than the jar, and CMLR_JAVA_OPTS; a fake java
 * under JAVA_HOME prints the arguments it was given.
 */
class JarLauncherTest {
    @TempDir
    Path tmp;

    private Path target() throws IOException {
        Path t = Files.createDirectories(tmp.resolve("target"));
        Files.copy(Path.of("src/bin/cmlr"), t.resolve("cmlr"));
        Files.writeString(t.resolve("cmlr.jar"), "");
        Path java = Files.writeString(Files.createDirectories(tmp.resolve("jdk/bin")).resolve("java"), "#!/bin/sh\necho \"java $*\"\n");
        assertTrue(java.toFile().setExecutable(true));
        return t;
    }

    private String run(Path target, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "sh";
        cmd[1] = target.resolve("cmlr").toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", tmp.resolve("jdk").toString());
        pb.environment().put("CMLR_JAVA_OPTS", "-Xmx3g");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.trim();
    }

    @Test
    void anArchiveNewerThanTheJarIsUsed() throws Exception {
        Path t = target();
        Path jsa = Files.writeString(t.resolve("cmlr.jsa"), "");
        Files.setLastModifiedTime(t.resolve("cmlr.jar"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(jsa, FileTime.from(Instant.now()));
        assertEquals("java -XX:+UseSerialGC -Xmn64m -XX:PretenureSizeThreshold=1m -XX:SharedArchiveFile=" + jsa + " -Xlog:cds=off -Xmx3g -jar "
                + t.resolve("cmlr.jar") + " fit data.csv --out r.json", run(t, "fit", "data.csv", "--out", "r.json"));
    }

    @Test
    void anArchiveOlderThanTheJarOrNoneIsNotUsed() throws Exception {
        Path t = target();
        String without = "java -XX:+UseSerialGC -Xmn64m -XX:PretenureSizeThreshold=1m -Xmx3g -jar " + t.resolve("cmlr.jar") + " --version";
        assertEquals(without, run(t, "--version"));
        Path jsa = Files.writeString(t.resolve("cmlr.jsa"), "");
        Files.setLastModifiedTime(jsa, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(t.resolve("cmlr.jar"), FileTime.from(Instant.now()));
        assertEquals(without, run(t, "--version"));
    }
}
