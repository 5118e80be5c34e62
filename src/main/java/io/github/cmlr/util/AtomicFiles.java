package io.github.cmlr.util;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file completely or not at all: to a temporary sibling, forced to disk, then an atomic
 * rename over the target. The temporary file is created like any new file (mode 0666 minus the
 * umask; an existing target's permissions are kept) and named {@code .NAME.tmp-HOST-PID-SEQ}, so
 * that one left by a killed process is recognised and removed by the next write of the same
 * target. A symbolic link is followed (the link stays, its target is replaced). A character
 * device or a pipe ({@code /dev/null}, {@code /dev/stdout}, a FIFO) is written straight, never
 * renamed over; any other kind of file that is not a regular file is refused.
 */
public final class AtomicFiles {
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Temporary files of another host (shared volumes) are only removed when older than this. */
    static final Duration FOREIGN_STALE_AFTER = Duration.ofDays(1);
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {}

    public static void write(Path target, Writer writer) {
        try {
            Path real = target.toAbsolutePath();
            if (Files.exists(real)) real = real.toRealPath();
            if (Files.isDirectory(real)) throw new FileSystemException(target.toString(), null, "is a directory");
            if (Files.exists(real) && !Files.isRegularFile(real)) {
                writeSpecial(real, writer);
            } else {
                writeReplacing(real, writer);
            }
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, "cannot write " + target + ": " + IoErrors.describe(e), e);
        }
    }

    /** A device or pipe: written in place (there is nothing to replace), failing when a write fails. */
    private static void writeSpecial(Path file, Writer writer) throws IOException {
        if (!isCharacterDeviceOrPipe(file)) {
            throw new FileSystemException(file.toString(), null, "is neither a regular file nor a character device or pipe");
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            writer.write(out);
            out.flush();
        }
    }

    private static void writeReplacing(Path target, Writer writer) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        String prefix = tempPrefix(target);
        removeStaleTemporaries(dir, prefix);
        Path tmp = dir.resolve(temporaryName(target, PID, SEQUENCE.incrementAndGet()));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                keepPermissions(target, tmp);
                OutputStream out = new UnclosedStream(Channels.newOutputStream(ch));
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
    }

    /** The name a temporary file of {@code target} gets when process {@code pid} of this host writes it. */
    public static String temporaryName(Path target, long pid, long sequence) {
        return tempPrefix(target) + HOST + "-" + pid + "-" + sequence;
    }

    /** {@code .NAME.tmp-}: every temporary file of a target starts with it. */
    static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".tmp-";
    }

    /**
     * Removes temporary files of the same target left by processes that died: on this host those
     * of a process that no longer runs; of another host those older than {@link #FOREIGN_STALE_AFTER};
     * and those of older cmlr versions ({@code .NAME.<digits>.tmp}).
     */
    static void removeStaleTemporaries(Path dir, String prefix) {
        String legacy = prefix.substring(0, prefix.length() - "tmp-".length());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) || (n.startsWith(legacy) && n.substring(legacy.length()).matches("[0-9]+\\.tmp"));
        })) {
            for (Path p : entries) {
                if (isStale(p, p.getFileName().toString().startsWith(prefix) ? p.getFileName().toString().substring(prefix.length()) : null)) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover never replaces the target, it only takes space
        }
    }

    /** @param owner "HOST-PID-SEQ" of a current temporary name, null for a legacy name */
    private static boolean isStale(Path p, String owner) throws IOException {
        if (owner != null) {
            int seq = owner.lastIndexOf('-');
            int pidAt = seq > 0 ? owner.lastIndexOf('-', seq - 1) : -1;
            if (pidAt > 0 && owner.substring(0, pidAt).equals(HOST)) {
                try {
                    long pid = Long.parseLong(owner.substring(pidAt + 1, seq));
                    return pid != PID && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        FileTime modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        Duration age = Duration.between(modified.toInstant(), Instant.now());
        return age.compareTo(owner == null ? Duration.ofMinutes(1) : FOREIGN_STALE_AFTER) > 0;
    }

    /** A replaced file keeps its mode; a new one gets the umask's default (as any created file). */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!Files.isRegularFile(target)) return;
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (from != null && to != null) to.setPermissions(from.readAttributes().permissions());
    }

    private static boolean isCharacterDeviceOrPipe(Path file) throws IOException {
        try {
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & S_IFMT;
            return type == S_IFCHR || type == S_IFIFO;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).isOther();
        }
    }

    /** Lets a writer close its stream (a gzip or text writer does) while the channel stays open to be forced. */
    private static final class UnclosedStream extends FilterOutputStream {
        UnclosedStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the name marks it as temporary, and the next write of the target removes it
        }
    }

    private static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) return h.replaceAll("[^A-Za-z0-9.]", "_");
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back
        }
        return "localhost";
    }
}
