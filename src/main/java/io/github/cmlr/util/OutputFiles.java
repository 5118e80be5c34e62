package io.github.cmlr.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a command whose output would land on one of its inputs (or on another of its outputs):
 * the same path, a relative path or symbolic link that resolves to it, or a hard link to it.
 * Every command that reads and writes files calls it before it writes anything, e.g.
 * {@code OutputFiles.check().input("DATA", data).output("--out", out).requireDistinct();}
 */
public final class OutputFiles {
    private record Named(String role, Path path) {}

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();

    private OutputFiles() {}

    public static OutputFiles check() {
        return new OutputFiles();
    }

    /** An input file; {@code role} is how the user named it (an option, or "DATA"). Null paths are skipped. */
    public OutputFiles input(String role, Path path) {
        if (path != null) inputs.add(new Named(role, path));
        return this;
    }

    /** An output file; null paths are skipped. */
    public OutputFiles output(String role, Path path) {
        if (path != null) outputs.add(new Named(role, path));
        return this;
    }

    /** Throws {@link ExitCode#USAGE} naming both files when an output is an input or another output. */
    public void requireDistinct() {
        for (int i = 0; i < outputs.size(); i++) {
            Named out = outputs.get(i);
            for (Named in : inputs) {
                if (same(out.path(), in.path())) {
                    throw new CmlrException(ExitCode.USAGE, out.role() + " " + out.path() + " is the input "
                            + in.role() + " " + in.path() + ": writing it would destroy the input; choose another name");
                }
            }
            for (int k = 0; k < i; k++) {
                Named other = outputs.get(k);
                if (same(out.path(), other.path())) {
                    throw new CmlrException(ExitCode.USAGE, out.role() + " " + out.path() + " and " + other.role() + " "
                            + other.path() + " are the same file; give each output its own name");
                }
            }
        }
    }

    /** True when both names reach one file: equal resolved paths, or (both existing) one inode. */
    static boolean same(Path a, Path b) {
        if (resolved(a).equals(resolved(b))) return true;
        if (!Files.exists(a) || !Files.exists(b)) return false;
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // unreadable: the read or the write reports it with its own message
        }
    }

    /** The real path where it exists, else the real parent with the name, else the normalised absolute path. */
    static Path resolved(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) return abs.toRealPath();
            Path parent = abs.getParent();
            if (parent != null && Files.exists(parent)) return parent.toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            // fall through: compare the names as given
        }
        return abs;
    }
}
