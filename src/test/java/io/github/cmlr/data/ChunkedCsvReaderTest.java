package io.github.cmlr.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parallel chunked reader gives bitwise what the serial reader gives, or declines. */
class ChunkedCsvReaderTest {
    @TempDir
    Path dir;

    /** Interleaved nodes, runs of one node, blank lines, a label column and no final newline. */
    private Path write(String name, int rows, long seed, String extraLine) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("node,y,x1,x2,x3,label\n");
        int node = 0;
        for (int r = 0; r < rows; r++) {
            if (rnd.nextInt(5) == 0) node = rnd.nextInt(300);
            if (rnd.nextInt(97) == 0) b.append('\n');
            if (r == rows / 2 && extraLine != null) b.append(extraLine).append('\n');
            b.append("g").append(node).append(',').append(rnd.nextGaussian()).append(',').append(rnd.nextGaussian() * 1e-3)
                    .append(',').append(rnd.nextInt(100) - 50).append(',').append(rnd.nextDouble()).append(',')
                    .append(node % 3).append(r + 1 < rows ? "\n" : "");
        }
        Path f = dir.resolve(name);
        Files.writeString(f, b, StandardCharsets.ISO_8859_1); // ASCII, but for a test's own bytes above 127
        return f;
    }

    private static CsvReader.SinkFactory into(NodeStatsSink[] sink) {
        return cols -> sink[0] = new NodeStatsSink(cols.dim());
    }

    @Test
    void chunkedStatisticsAreBitwiseTheSerialOnesForEveryChunkSizeAndThreadCount() throws IOException {
        Path f = write("a.csv", 20_000, 1, null);
        NodeStatsSink[] serial = new NodeStatsSink[1];
        CsvInfo s = CsvReader.read(f, CsvOptions.defaults(), Progress.none(), false, into(serial));
        var expected = serial[0].finish(s.nodes().ids());
        for (int chunk : new int[] {1 << 12, 7919, 1 << 16}) {
            for (int threads : new int[] {1, 2, 3, 8}) {
                NodeStatsSink[] par = new NodeStatsSink[1];
                CsvInfo p = ChunkedCsvReader.tryRead(f, CsvOptions.defaults(), Progress.none(), into(par), threads, chunk);
                assertNotNull(p, "eligible file declined, chunk " + chunk);
                CsvReaderTest.assertSameStats(expected, par[0].finish(p.nodes().ids()));
                assertEquals(s.rows(), p.rows());
                assertEquals(s.bytes(), p.bytes());
                for (int j = 0; j < s.nodeCount(); j++) {
                    assertEquals(s.nodes().firstLine(j), p.nodes().firstLine(j), "first line of node " + j);
                    assertEquals(s.nodes().rows(j), p.nodes().rows(j));
                }
                assertArrayEquals(s.nodes().labels(true), p.nodes().labels(true));
            }
        }
    }

    /** A quote anywhere (a boundary could fall inside a quoted field) sends the file to the serial reader. */
    @Test
    void aQuotedFieldDeclinesAndTheSerialReaderReadsIt() throws IOException {
        Path f = write("q.csv", 5_000, 2, "\"g1\",1.5,2,\"3\n\",4,1");
        NodeStatsSink[] par = new NodeStatsSink[1];
        assertNull(ChunkedCsvReader.tryRead(f, CsvOptions.defaults(), Progress.none(), into(par), 2, 1 << 12));
    }

    /** A bad cell past the first chunk: the caller's message names the same line and column as the serial reader's. */
    @Test
    void aBadCellGivesTheSerialReadersMessage() throws IOException {
        Path f = write("bad.csv", 5_000, 3, "g7,1.0,oops,3,4,1");
        assertRefusedAlike(f);
    }

    /** The chunked reader declines the file, and one and two threads refuse it with the same message; returns it. */
    private static CmlrException assertRefusedAlike(Path f) {
        NodeStatsSink[] par = new NodeStatsSink[1];
        assertNull(ChunkedCsvReader.tryRead(f, CsvOptions.defaults(), Progress.none(), into(par), 2, 1 << 12));
        CmlrException serial = assertThrows(CmlrException.class,
                () -> CsvReader.readNodeStats(f, CsvOptions.defaults(), Progress.none(), 1));
        CmlrException parallel = assertThrows(CmlrException.class,
                () -> CsvReader.readNodeStats(f, CsvOptions.defaults(), Progress.none(), 2));
        assertEquals(serial.getMessage(), parallel.getMessage());
        assertEquals(serial.exitCode(), parallel.exitCode());
        return parallel;
    }

    /**
     * A byte above 127 before a number (Latin-1 '\u00b1' here) is not a minus sign: the chunked
     * reader declines, and both readers refuse the cell by line and column, as the serial reader
     * always did (the chunked one once read "\u00b12.5" as -2.5).
     */
    @Test
    void aByteAbove127BeforeANumberIsRefusedNotReadAsASign() throws IOException {
        Path f = write("pm.csv", 5_000, 5, "g7,1.0,\u00b12.5,3,4,1");
        CmlrException e = assertRefusedAlike(f);
        assertEquals(io.github.cmlr.util.ExitCode.DATA_FORMAT, e.exitCode());
        assertTrue(e.getMessage().contains("column 3 ('x1')"), e.getMessage());
    }

    /** Column choices the edited files are read with: defaults, an intercept, a feature subset, no label, other roles. */
    private static final CsvOptions[] VARIANTS = {CsvOptions.defaults(), CsvOptions.defaults().withIntercept(true),
        CsvOptions.defaults().withFeatures(java.util.List.of("x3", "x1")), CsvOptions.defaults().withLabelColumn(null),
        new CsvOptions("x2", "x1", java.util.List.of("y"), null, true)};

    /** Bytes that mean something to a CSV reader or a number parser, and a few that mean nothing. */
    private static final byte[] TELLING = "-+.eE,\n\r \"0159xX\t;".getBytes(StandardCharsets.ISO_8859_1);

    /**
     * Differential: a valid file with one to three random byte edits (a byte replaced by any value,
     * a telling byte inserted, a byte deleted), read in chunks of 4 KB on two threads with one of
     * {@link #VARIANTS}' column choices in turn, is read
     * exactly as the serial reader reads it, or declined; the chunked reader never takes a file the
     * serial reader refuses, never reads another value, and never throws.
     */
    @Test
    void mutatedFilesAreReadAsSeriallyOrDeclined() throws IOException {
        byte[] clean = Files.readAllBytes(write("clean.csv", 3_000, 6, null));
        SplittableRandom rnd = new SplittableRandom(7);
        int taken = 0;
        int refused = 0;
        for (int trial = 0; trial < 300; trial++) {
            byte[] b = clean;
            for (int e = 0, edits = rnd.nextInt(1, 4); e < edits; e++) b = edit(b, rnd);
            Path f = dir.resolve("m" + trial + ".csv");
            Files.write(f, b);
            CsvOptions options = VARIANTS[trial % VARIANTS.length];
            NodeStatsSink[] serial = new NodeStatsSink[1];
            CsvInfo s = null;
            try {
                s = CsvReader.read(f, options, Progress.none(), false, into(serial));
            } catch (CmlrException e) {
                refused++;
            }
            NodeStatsSink[] par = new NodeStatsSink[1];
            CsvInfo p = ChunkedCsvReader.tryRead(f, options, Progress.none(), into(par), 2, 1 << 12);
            if (p == null) continue;
            taken++;
            assertNotNull(s, "trial " + trial + ": the chunked reader took a file the serial reader refuses");
            assertEquals(s.rows(), p.rows(), "trial " + trial);
            CsvReaderTest.assertSameStats(serial[0].finish(s.nodes().ids()), par[0].finish(p.nodes().ids()));
        }
        assertTrue(taken > 30 && refused > 30, taken + " taken, " + refused + " refused of 300: edits too mild or too harsh");
    }

    private static byte[] edit(byte[] b, SplittableRandom rnd) {
        int at = rnd.nextInt(b.length);
        switch (rnd.nextInt(3)) {
            case 0: {
                byte[] out = b.clone();
                out[at] = (byte) rnd.nextInt(256);
                return out;
            }
            case 1: {
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = TELLING[rnd.nextInt(TELLING.length)];
                System.arraycopy(b, at, out, at + 1, b.length - at);
                return out;
            }
            default: {
                byte[] out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + 1, out, at, b.length - at - 1);
                return out;
            }
        }
    }

    /** A node whose label changes declines (the serial reader then names both lines). */
    @Test
    void aLabelConflictDeclines() throws IOException {
        Path f = write("lab.csv", 5_000, 4, "g3,1.0,2,3,4,2");
        NodeStatsSink[] par = new NodeStatsSink[1];
        assertNull(ChunkedCsvReader.tryRead(f, CsvOptions.defaults(), Progress.none(), into(par), 2, 1 << 12));
    }

    /**
     * Chunk buffers are reused: long records (25-digit numbers) first, then short ones, so later
     * chunks hold several times the records of the buffers they reuse (which must grow), and the
     * last record, without a line feed, ends where an earlier chunk had digits. Read exactly as
     * serially. (The zeroing of a reused buffer past its data is what the test above catches.)
     */
    @Test
    void reusedChunkBuffersGrowForChunksOfManyShortRecords() throws IOException {
        SplittableRandom rnd = new SplittableRandom(9);
        StringBuilder b = new StringBuilder("node,y,x1,x2,x3,label\n");
        int rows = 6_000;
        for (int r = 0; r < rows; r++) {
            int node = r / 7;
            if (r < rows / 2) {
                b.append("g").append(node);
                for (int c = 0; c < 4; c++) b.append(',').append(rnd.nextInt(9) + 1).append(".123456789012345678901234");
            } else {
                b.append("g").append(node).append(',').append(rnd.nextInt(9)).append(',').append(rnd.nextInt(9))
                        .append(',').append(rnd.nextInt(9)).append(',').append(rnd.nextInt(9));
            }
            b.append(',').append(node % 2).append(r + 1 < rows ? "\n" : "");
        }
        Path f = dir.resolve("long-then-short.csv");
        Files.writeString(f, b, StandardCharsets.US_ASCII);
        assertChunkedIsSerial(f, CsvOptions.defaults());
    }

    /** Chunked (one chunk per 4 KiB, 1..3 threads) against serial: same statistics, rows, nodes and first lines. */
    private static void assertChunkedIsSerial(Path f, CsvOptions o) {
        NodeStatsSink[] serial = new NodeStatsSink[1];
        CsvInfo s = CsvReader.read(f, o, Progress.none(), false, into(serial));
        var expected = serial[0].finish(s.nodes().ids());
        for (int threads = 1; threads <= 3; threads++) {
            NodeStatsSink[] par = new NodeStatsSink[1];
            CsvInfo p = ChunkedCsvReader.tryRead(f, o, Progress.none(), into(par), threads, 1 << 12);
            assertNotNull(p, "eligible file declined");
            CsvReaderTest.assertSameStats(expected, par[0].finish(p.nodes().ids()));
            assertEquals(s.rows(), p.rows());
            for (int j = 0; j < s.nodeCount(); j++) assertEquals(s.nodes().firstLine(j), p.nodes().firstLine(j));
        }
    }

    /**
     * CRLF line ends and blank CRLF lines, the node column last, an unused text column, chosen
     * features with an intercept, and every number form the serial reader takes (spaces and tabs,
     * signs, exponents with '+', a bare point, 20 and 25 digits, subnormals): read exactly as serially.
     */
    @Test
    void awkwardValidCellsReadAsTheSerialReaderReadsThem() throws IOException {
        String[] forms = {" 2.5", "1e5", "+3", ".5", "3.", "-0", "1234567890123456789012345", "4.9e-324", "2.2250738585072014E-308",
            "0.30000000000000004", "-7", "1E-300", "12345678901234567.5", "9007199254740993", "1e+5", "2.5 ", "\t3", "-.5",
            "0.0012345678901234567", "123.4567890123456789", "12345678.25", "-4.591784231589489", "+0.5e-3"};
        SplittableRandom rnd = new SplittableRandom(8);
        StringBuilder b = new StringBuilder("y,text,x1,x2,x3,node\r\n");
        for (int r = 0; r < 3_000; r++) {
            if (rnd.nextInt(50) == 0) b.append("\r\n");
            String odd = forms[rnd.nextInt(forms.length)];
            b.append(rnd.nextGaussian()).append(",word ").append(r).append(',').append(rnd.nextInt(3) == 0 ? odd : rnd.nextGaussian())
                    .append(',').append(rnd.nextDouble()).append(',').append(odd).append(",g").append(rnd.nextInt(40)).append("\r\n");
        }
        Path f = dir.resolve("awkward.csv");
        Files.writeString(f, b, StandardCharsets.US_ASCII);
        CsvOptions o = new CsvOptions("node", "y", java.util.List.of("x3", "x1"), null, false).withIntercept(true);
        assertChunkedIsSerial(f, o);
    }

    /** A missing cell declines (the serial reader drops and counts the row); fit's entry point then counts it as before. */
    @Test
    void aMissingCellDeclinesAndIsCountedSerially() throws IOException {
        Path f = write("na.csv", 5_000, 5, "g2,1.0,NA,3,4,2");
        NodeStatsSink[] par = new NodeStatsSink[1];
        assertNull(ChunkedCsvReader.tryRead(f, CsvOptions.defaults(), Progress.none(), into(par), 2, 1 << 12));
        CsvReader.StatsResult r = CsvReader.readNodeStats(f, CsvOptions.defaults(), Progress.none(), 2);
        assertEquals(1, r.info().missing().rows());
        assertEquals(5_000, r.info().rows());
    }

    /** A record with one cell too many declines: the serial reader names its line. */
    @Test
    void aRaggedRecordDeclines() throws IOException {
        Path f = write("wide.csv", 5_000, 7, "g2,1.0,2,3,4,2,9");
        NodeStatsSink[] par = new NodeStatsSink[1];
        assertNull(ChunkedCsvReader.tryRead(f, CsvOptions.defaults(), Progress.none(), into(par), 2, 1 << 12));
        CmlrException e = assertThrows(CmlrException.class,
                () -> CsvReader.readNodeStats(f, CsvOptions.defaults(), Progress.none(), 2));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("7 cells but the header has 6 columns"), e.getMessage());
    }

    /** The listed positions equal a plain search for bytes below '-', for every byte value near separators, at every alignment. */
    @Test
    void fieldEndsAreExact() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (int len = 0; len < 300; len += 1 + len / 8) {
            for (int t = 0; t < 300; t++) {
                byte[] b = new byte[len + PaddedNumberParser.PADDING];
                int sparse = 1 + rnd.nextInt(40);
                for (int i = 0; i < len; i++) {
                    int pick = rnd.nextInt(3 * sparse);
                    b[i] = (byte) (pick == 0 ? '\n' : pick == 1 ? ',' : pick == 2 ? '"' : rnd.nextInt(256));
                }
                int[] ends = FieldEnds.of(b, len, null);
                int k = 0;
                for (int i = 0; i < len; i++) {
                    if ((b[i] & 0xFF) < '-') assertEquals(i, ends[k++], "length " + len);
                }
                for (; k < ends.length; k++) assertEquals(len, ends[k], "past the last separator");
            }
        }
    }
}
