package io.github.cmlr.sweep;

import io.github.cmlr.cli.VersionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The version and commit stamped on every result line. */
public final class BuildStamp {
    private static volatile String commit;

    private BuildStamp() {}

    public static String version() {
        return VersionInfo.version();
    }

    /** CMLR_COMMIT when set, else {@code git rev-parse} of the working directory, else "unknown". */
    public static String commit() {
        if (commit == null) commit = lookUpCommit();
        return commit;
    }

    private static String lookUpCommit() {
        String env = System.getenv("CMLR_COMMIT");
        if (env != null && !env.isBlank()) return env.trim();
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "unknown";
                }
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                return p.exitValue() == 0 && out.matches("[0-9a-f]{7,40}") ? out : "unknown";
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
