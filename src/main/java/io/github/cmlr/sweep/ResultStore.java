package io.github.cmlr.sweep;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results file of a running sweep, held exclusively: a second process that opens the same
 * file fails with {@link ExitCode#LOCKED}. Each result is appended as one complete line with a
 * single write and then forced to disk, so a process killed at any moment leaves whole lines and
 * at most one torn last line, which {@link #open} cuts off before the sweep resumes.
 */
public final class ResultStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel out;
    private final List<ResultRecord> existing;
    private final List<Integer> existingLines;
    private final Set<String> done = new HashSet<>();
    private int appended;

    private ResultStore(Path file, FileChannel lockChannel, FileLock lock, FileChannel out, List<ResultRecord> existing,
                        List<Integer> existingLines) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.out = out;
        this.existing = existing;
        this.existingLines = existingLines;
        for (ResultRecord r : existing) done.add(r.runId());
    }

    /** Locks {@code dir/fileName}, repairs a torn last line and loads the finished runs. */
    public static ResultStore open(Path dir, String fileName) {
        Path file = dir.resolve(fileName);
        Path lockFile = lockFile(dir, fileName);
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel);
            if (lock == null) {
                throw new CmlrException(ExitCode.LOCKED, file + " is being written by another sweep (lock "
                        + lockFile + "); wait for it to finish or use another --out");
            }
            List<ResultRecord> existing = List.of();
            List<Integer> lines = List.of();
            FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (Files.size(file) > 0) {
                ResultLines.Read read = ResultLines.read(file);
                if (read.tornTail()) {
                    LOG.warn("{}: dropping an incomplete last line (a run interrupted while it was written)", file);
                    out.truncate(read.completeBytes());
                    out.force(true);
                }
                existing = read.records();
                lines = read.lineNumbers();
            }
            out.position(out.size());
            ResultStore store = new ResultStore(file, lockChannel, lock, out, new ArrayList<>(existing), lines);
            lockChannel = null;
            return store;
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, "cannot open " + file + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(lockChannel);
        }
    }

    /** The lock beside a results file: {@code .runs.jsonl.lock}. */
    static Path lockFile(Path dir, String fileName) {
        return dir.resolve("." + fileName + ".lock");
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this same JVM
        }
    }

    public Path file() { return file; }

    /** The runs finished before this store was opened. */
    public List<ResultRecord> existing() { return List.copyOf(existing); }

    /** Lines appended by this store. */
    public int appended() { return appended; }

    /**
     * Refuses a results file that holds lines of another sweep (naming the first such line): a
     * line stamped with another sweep's hash, or an unstamped line (older versions) whose run is
     * not in this sweep's plan. Guards a directory whose sweep.yaml was lost.
     *
     * @param planned the run ids this file may hold
     */
    public void requireOwnedBy(SweepSpec spec, Set<String> planned) {
        String hash = spec.hash();
        for (int i = 0; i < existing.size(); i++) {
            ResultRecord r = existing.get(i);
            boolean foreign = r.sweepHash() != null ? !r.sweepHash().equals(hash) : !planned.contains(r.runId());
            if (foreign) {
                throw new CmlrException(ExitCode.SPEC, file + ":" + existingLines.get(i) + ": this line is a run of another sweep ('"
                        + r.sweep() + "'" + (r.sweepHash() != null ? ", sweep_hash " + r.sweepHash() + ", this sweep's is " + hash
                        : ", run '" + r.runId() + "' is not in this sweep's plan") + "); use another --out directory");
            }
        }
    }

    public boolean isDone(String runId) {
        return done.contains(runId);
    }

    /** Appends one complete line and forces it to disk before returning. */
    public void append(ResultRecord r) {
        ByteBuffer buf = ByteBuffer.wrap(ResultLines.encode(r));
        try {
            while (buf.hasRemaining()) out.write(buf);
            out.force(false);
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
        done.add(r.runId());
        appended++;
    }

    /** Releases the lock; never throws. */
    @Override
    public void close() {
        closeQuietly(out);
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            LOG.warn("releasing the lock on {}: {}", file, e.toString());
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException e) {
            LOG.warn("closing a file: {}", e.toString());
        }
    }
}
