package io.github.cmlr.sweep;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep invocation is about to create in its directory (the directory itself, the results
 * file, its lock, the spec copy), so that an invocation that fails before its first result line
 * leaves the directory as it found it. Shards may share the directory: only files of this
 * invocation's own are listed.
 */
final class Leftovers {
    private final Path dir;
    private final boolean dirExisted;
    private final List<Path> absent;

    private Leftovers(Path dir, boolean dirExisted, List<Path> absent) {
        this.dir = dir;
        this.dirExisted = dirExisted;
        this.absent = absent;
    }

    static Leftovers before(Path dir, String resultsFile) {
        List<Path> absent = new ArrayList<>();
        // the results file and its lock are this shard's own; the spec copy is added when this invocation writes it
        for (Path p : List.of(dir.resolve(resultsFile), ResultStore.lockFile(dir, resultsFile))) {
            if (!Files.exists(p)) absent.add(p);
        }
        return new Leftovers(dir, Files.isDirectory(dir), absent);
    }

    /** Records a file this invocation created. */
    void created(Path p) {
        absent.add(p);
    }

    /** Deletes what did not exist before (the directory only when it is empty); never throws. */
    void remove() {
        for (Path p : absent) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort: the failure being reported matters more
            }
        }
        if (dirExisted) return;
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // something else was put there meanwhile: keep it
        } catch (IOException e) {
            // best effort
        }
    }
}
