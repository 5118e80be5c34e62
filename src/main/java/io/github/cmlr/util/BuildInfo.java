package io.github.cmlr.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Version from the jar manifest (Implementation-Version, "dev" when run from classes) and the
 * commit the build came from ({@code /cmlr-build.properties}, written by the Maven build).
 */
public final class BuildInfo {
    private static final String BUILD_PROPERTIES = "/cmlr-build.properties";

    private BuildInfo() {}

    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /** The abbreviated commit of the build, or "unknown" (built outside git). */
    public static String commit() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        String c = p.getProperty("commit", "").trim();
        return c.matches("[0-9a-f]{7,40}") ? c : "unknown";
    }
}
