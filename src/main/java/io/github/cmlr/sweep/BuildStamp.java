package io.github.cmlr.sweep;

import io.github.cmlr.util.BuildInfo;

/** The version and commit stamped on every result line. */
public final class BuildStamp {
    private BuildStamp() {}

    public static String version() {
        return BuildInfo.version();
    }

    /** CMLR_COMMIT when set (e.g. by a job script), else the commit the jar was built from. */
    public static String commit() {
        String env = System.getenv("CMLR_COMMIT");
        if (env != null && !env.isBlank()) return env.trim();
        return BuildInfo.commit();
    }
}
