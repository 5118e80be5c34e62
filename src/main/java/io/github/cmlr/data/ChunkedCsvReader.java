package io.github.cmlr.data;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.Progress;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a plain CSV file in fixed-size byte chunks, on {@code threads} threads (one thread: each
 * chunk parsed inline when it is due). A chunk owns the records that start in it; each is parsed
 * by {@link CsvChunkScanner} on a worker, and the parsed rows are handed to the sink on
 * the calling thread, chunk after chunk, in file order. The chunk size is a constant, never derived
 * from the thread count, so the sink sees exactly the rows, order and node numbering of the serial
 * reader, and the results are bitwise those of the serial reader whatever the thread count.
 *
 * <p>Only files that this can read exactly are taken: uncompressed, comma-separated, at least two
 * chunks long, without any double quote (a chunk boundary could fall inside a quoted field, so
 * quoted fields, embedded line breaks included, go to the serial reader) and without a byte order
 * mark at a chunk start. A chunk that finds anything else, or any record the serial reader would
 * drop or refuse, gives up; the caller then reads the whole file serially, which reports the
 * problem with its line and column exactly as it always did.
 */
final class ChunkedCsvReader {
    /** Bytes per chunk: a constant of the reader, never derived from the thread count. */
    static final int CHUNK = 1 << 20;

    /** Thrown (and caught here) when a chunk cannot be read exactly in parallel. */
    static final class NotEligible extends Exception {
        NotEligible() {
            super(null, null, false, false);
        }
    }

    private ChunkedCsvReader() {}

    /**
     * Reads the file in parallel when it is eligible; null (nothing given to any sink) when the
     * caller must read it serially.
     */
    static CsvInfo tryRead(Path file, CsvOptions options, Progress progress, CsvReader.SinkFactory factory,
                           int threads) {
        return tryRead(file, options, progress, factory, threads, CHUNK);
    }

    /** The same with another chunk size (tests use small chunks to put many boundaries in a small file). */
    static CsvInfo tryRead(Path file, CsvOptions options, Progress progress, CsvReader.SinkFactory factory,
                           int threads, int chunkBytes) {
        if (!plain(options)) return null;
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 2L * chunkBytes || size > Integer.MAX_VALUE) return null;
            Source map = new Source(ch, (int) size);
            if ((map.get(0) & 0xFF) == 0x1f && (map.get(1) & 0xFF) == 0x8b) return null;
            int headerEnd = recordStartAtOrAfter(map, 1, (int) size); // just past the first line feed
            if (headerEnd <= 0 || headerEnd >= size) return null;
            byte[] headerBytes = map.bytes(0, headerEnd);
            if (contains(headerBytes, (byte) '"')) return null;
            CsvTokenizer tok = new CsvTokenizer(headerBytes, file.toString());
            if (!tok.next()) return null;
            if (Separator.resolve(file, options.separator()) != ',') return null;
            CsvColumns cols = CsvColumns.resolve(CsvReader.header(tok), options, file.toString());
            return readChunks(file, map, headerEnd, cols, options, progress, factory, threads, chunkBytes, t0);
        } catch (IOException | NotEligible | CmlrException e) {
            return null; // the serial reader gives the exact message, or reads what this cannot
        }
    }

    /** Only plain column options are read in chunks: no formula, no carried columns, comma-separated. */
    private static boolean plain(CsvOptions options) {
        return options.formula() == null && options.keepColumns().isEmpty()
                && (options.separator() == ',' || options.separator() == CsvOptions.AUTO_SEPARATOR);
    }

    private static CsvInfo readChunks(Path file, Source map, int dataStart, CsvColumns cols, CsvOptions options,
                                      Progress progress, CsvReader.SinkFactory factory, int threads, int chunk,
                                      long t0) throws NotEligible {
        int size = map.size;
        int chunks = (int) ((size - dataStart + (long) chunk - 1) / chunk);
        CsvChunkScanner scanner = new CsvChunkScanner(cols, options.intercept());
        ExecutorService pool = threads < 2 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cmlr-csv-chunk");
            t.setDaemon(true);
            return t;
        });
        int lookahead = threads < 2 ? 1 : threads + 1;
        Queue<CsvChunkScanner.Buffers> spare = new ConcurrentLinkedQueue<>(); // at most lookahead + 1 sets in use
        try {
            ArrayDeque<Future<CsvChunkScanner.Rows>> ahead = new ArrayDeque<>();
            int submitted = 0;
            RowSink sink = null;
            NodeIndex nodes = new NodeIndex();
            long rows = 0;
            long line = 2; // the header is line 1 (it holds no quote, so one line)
            for (int c = 0; c < chunks; c++) {
                while (submitted < chunks && submitted < c + lookahead) {
                    int from = dataStart + (int) Math.min((long) submitted * chunk, size - dataStart);
                    int to = dataStart + (int) Math.min((long) (submitted + 1) * chunk, size - dataStart);
                    ahead.add(pool == null ? now(map, from, to, scanner, spare)
                            : pool.submit(() -> parse(map, from, to, scanner, spare)));
                    submitted++;
                }
                CsvChunkScanner.Rows p = await(ahead.poll());
                if (sink == null && p.count() > 0) sink = factory.create(cols);
                hand(p, globalNodes(p.nodes(), nodes, line), nodes, sink, cols.dim());
                spare.add(p.buffers());
                rows += p.count();
                line += p.lines();
                progress.reading(rows, Math.min(size, dataStart + (long) (c + 1) * chunk), size);
            }
            if (rows == 0) throw new NotEligible();
            progress.readingFinished(rows, size, size);
            progress.done();
            KeptColumns none = new KeptColumns(cols.header(), List.of(), false, file.toString());
            return new CsvInfo(file.toString(), rows, size, cols, nodes, System.nanoTime() - t0, ',', new MissingCells(), none);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    /**
     * Gives a parsed chunk's rows to the sink, straight from the chunk's arrays. A method of its
     * own, called once per chunk: the JIT compiles it as a whole method during the first read,
     * where the same loop inside {@link #readChunks} ran in its slower tiers for much of a first
     * read (one on-stack replacement of the whole reader loop after another).
     */
    private static void hand(CsvChunkScanner.Rows p, int[] global, NodeIndex nodes, RowSink sink, int d) {
        for (int i = 0; i < global.length; i++) sink.reserve(global[i], p.nodes().rows(i));
        double[] y = p.y();
        double[] x = p.x();
        int[] local = p.node();
        for (int r = 0; r < p.count(); r++) {
            int node = global[local[r]];
            nodes.countRow(node);
            sink.accept(node, y[r], x, r * d);
        }
    }

    /** The chunk's nodes as numbered in the whole file (new ones added, first seen at their line); labels carried over. */
    private static int[] globalNodes(NodeIndex local, NodeIndex nodes, long line) throws NotEligible {
        int[] global = new int[local.size()];
        for (int i = 0; i < global.length; i++) {
            global[i] = nodes.indexOfId(local.id(i), line + local.firstLine(i) - 1);
            int label = local.label(i);
            if (label >= 0 && nodes.setLabel(global[i], label) >= 0) throw new NotEligible();
        }
        return global;
    }

    /** One thread: the chunk parsed on the calling thread when it is due. */
    private static Future<CsvChunkScanner.Rows> now(Source map, int from, int to, CsvChunkScanner scanner,
                                                    Queue<CsvChunkScanner.Buffers> spare) {
        try {
            return CompletableFuture.completedFuture(parse(map, from, to, scanner, spare));
        } catch (NotEligible | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Parses the records that start in [from, to), into a spare set of buffers or a new one. */
    private static CsvChunkScanner.Rows parse(Source map, int from, int to, CsvChunkScanner scanner,
                                              Queue<CsvChunkScanner.Buffers> spare) throws NotEligible {
        int size = map.size;
        int start = recordStartAtOrAfter(map, from, size);
        int end = to >= size ? size : recordStartAtOrAfter(map, to, size);
        if (start < 0) start = size;
        if (end < 0) end = size;
        int length = Math.max(0, end - start);
        CsvChunkScanner.Buffers buf = spare.poll();
        if (buf == null) buf = new CsvChunkScanner.Buffers();
        byte[] bytes = map.read(start, length, buf.bytes(length, length + PaddedNumberParser.PADDING));
        if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            throw new NotEligible();
        }
        return scanner.scan(bytes, length, buf);
    }

    /**
     * The file mapped read-only; each read copies a range into a fresh array (one copy, no system
     * call; thread-safe: every read uses its own view). A file cut short while it is read faults
     * on the mapping: the read then gives up and the serial reader reads what is there.
     */
    private static final class Source {
        final MappedByteBuffer mapped;
        final int size;

        Source(FileChannel ch, int size) throws IOException {
            this.mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            this.size = size;
        }

        /** The bytes at [pos, pos + len), a new array. */
        byte[] bytes(int pos, int len) throws NotEligible {
            return read(pos, len, new byte[len]);
        }

        /** The bytes at [pos, pos + len) into b[0, len); returns b. */
        byte[] read(int pos, int len, byte[] b) throws NotEligible {
            try {
                mapped.duplicate().get(pos, b, 0, len);
            } catch (RuntimeException | InternalError e) { // InternalError: a fault on the mapping
                throw new NotEligible();
            }
            return b;
        }

        byte get(int pos) throws NotEligible {
            return bytes(pos, 1)[0];
        }
    }

    /** The first record start at or after pos: pos itself after a line feed, else just past the next one; -1 if none. */
    private static int recordStartAtOrAfter(Source map, int pos, int size) throws NotEligible {
        if (pos == 0) return 0;
        for (int at = pos - 1; at < size; at += 1 << 12) {
            byte[] w = map.bytes(at, Math.min(1 << 12, size - at));
            for (int i = 0; i < w.length; i++) {
                if (w[i] == '\n') return at + i + 1 < size ? at + i + 1 : -1;
            }
        }
        return -1;
    }

    private static boolean contains(byte[] b, byte v) {
        for (byte x : b) if (x == v) return true;
        return false;
    }

    private static CsvChunkScanner.Rows await(Future<CsvChunkScanner.Rows> f) throws NotEligible {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotEligible();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof NotEligible ne) throw ne;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new NotEligible();
        }
    }
}
