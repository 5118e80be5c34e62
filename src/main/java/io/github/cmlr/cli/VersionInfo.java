package io.github.cmlr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Version from the jar manifest (Implementation-Version, "dev" when run from classes) and the
 * commit the build came from ({@code /cmlr-build.properties}, written by the Maven build).
 */
public final class VersionInfo implements CommandLine.IVersionProvider {
    private static final String BUILD_PROPERTIES = "/cmlr-build.properties";

    public static String version() {
        String v = VersionInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /** The abbreviated commit of the build, or "unknown" (built outside git). */
    public static String commit() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        String c = p.getProperty("commit", "").trim();
        return c.matches("[0-9a-f]{7,40}") ? c : "unknown";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"cmlr " + version() + " (commit " + commit() + ")"};
    }
}
