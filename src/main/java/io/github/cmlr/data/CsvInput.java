package io.github.cmlr.data;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.IoErrors;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a data file, plain or gzip-compressed (by a {@code .gz} name or the gzip magic bytes),
 * and counts the bytes read from disk so that progress can report MB and a fraction done.
 */
public final class CsvInput implements AutoCloseable {
    private final CountingStream raw;
    private final InputStream data;
    private final long fileSize;
    private final boolean gzip;

    private CsvInput(CountingStream raw, InputStream data, long fileSize, boolean gzip) {
        this.raw = raw;
        this.data = data;
        this.fileSize = fileSize;
        this.gzip = gzip;
    }

    public static CsvInput open(Path file) {
        CountingStream raw = null;
        try {
            long size = Files.size(file);
            raw = new CountingStream(Files.newInputStream(file));
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            boolean gzip = (b0 == 0x1f && b1 == 0x8b) || file.getFileName().toString().endsWith(".gz");
            // inflating gzip costs about as much as parsing: do it on a second thread
            InputStream data = gzip ? new PrefetchInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 20, 4) : buffered;
            return new CsvInput(raw, data, size, gzip);
        } catch (NoSuchFileException e) {
            throw new CmlrException(ExitCode.IO, file + ": no such file");
        } catch (IOException e) {
            closeQuietly(raw);
            throw new CmlrException(ExitCode.IO, file + ": cannot read: " + IoErrors.describe(e), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }

    /** The decoded bytes (decompressed when the file is gzip). */
    public InputStream stream() { return data; }

    /** Bytes read from the file so far (compressed bytes for gzip). */
    public long bytesRead() { return raw.count; }

    public long fileSize() { return fileSize; }

    public boolean gzip() { return gzip; }

    @Override
    public void close() {
        try {
            data.close();
        } catch (IOException ignored) {
            // reading is finished; nothing useful to do with a close failure
        }
    }

    private static final class CountingStream extends FilterInputStream {
        volatile long count; // written by the prefetch thread for gzip, read for progress

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
