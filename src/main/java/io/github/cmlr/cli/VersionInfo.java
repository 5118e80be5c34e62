package io.github.cmlr.cli;

import io.github.cmlr.util.BuildInfo;
import picocli.CommandLine;

/** {@code cmlr --version}: the build's version and commit. */
public final class VersionInfo implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"cmlr " + BuildInfo.version() + " (commit " + BuildInfo.commit() + ")"};
    }
}
