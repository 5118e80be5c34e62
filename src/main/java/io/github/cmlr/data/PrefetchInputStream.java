package io.github.cmlr.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads (and so decompresses) a stream on its own thread, a few chunks ahead of the consumer,
 * so that gzip inflation and CSV parsing overlap on two cores. The bytes and their order are
 * unchanged. Owns the source stream: closes it when done or when this stream is closed.
 */
final class PrefetchInputStream extends InputStream {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private volatile boolean closed;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean ended;

    PrefetchInputStream(InputStream source, int chunkSize, int chunksAhead) {
        this.queue = new ArrayBlockingQueue<>(chunksAhead);
        this.reader = new Thread(() -> pump(source, chunkSize), "cmlr-csv-prefetch");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The reader thread: chunks, then END or the failure, into the queue. The bytes read before a
     * failure are delivered first, so the consumer reaches the line where the data really ends
     * (a truncated file names its last line, not line 1). An Error (out of memory) is delivered
     * too, instead of leaving the consumer waiting for ever.
     */
    private void pump(InputStream source, int chunkSize) {
        try (InputStream in = source) {
            while (!closed) {
                byte[] b = new byte[chunkSize];
                int n = 0;
                try {
                    while (n < chunkSize) {
                        int r = in.read(b, n, chunkSize - n);
                        if (r < 0) break;
                        n += r;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    if (n > 0) queue.put(Arrays.copyOf(b, n));
                    throw e;
                }
                if (n > 0) queue.put(n == chunkSize ? b : Arrays.copyOf(b, n));
                if (n < chunkSize) break;
            }
            queue.put(END);
        } catch (IOException | RuntimeException | Error e) {
            offerQuietly(e);
        } catch (InterruptedException e) {
            // closed by the consumer: stop
        }
    }

    private void offerQuietly(Throwable e) {
        try {
            queue.put(e);
        } catch (InterruptedException ignored) {
            // closed by the consumer: nobody is waiting for the error
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos == chunk.length && !nextChunk()) return -1;
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (ended) return false;
        Object next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        if (next == END) {
            ended = true;
            return false;
        }
        if (next instanceof IOException e) throw new IOException(e.getMessage(), e);
        if (next instanceof RuntimeException e) throw new IOException(e.toString(), e);
        if (next instanceof Error e) throw e;
        chunk = (byte[]) next;
        pos = 0;
        return true;
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        queue.clear();
    }
}
