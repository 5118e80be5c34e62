package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.util.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue class 4: messages say what is wrong and where, without misleading and without wasting memory. */
class ClearMessagesTest {
    @TempDir
    Path dir;

    private FitCliHarness.Result fit(Path data, String... extra) throws IOException {
        List<String> before = FitCliHarness.listing(dir);
        List<String> args = new java.util.ArrayList<>(List.of("fit", data.toString(), "--backend", "cpu", "--quiet",
                "--out", dir.resolve("r.json").toString()));
        args.addAll(List.of(extra));
        FitCliHarness.Result r = FitCliHarness.run(args.toArray(new String[0]));
        assertEquals(before, FitCliHarness.listing(dir), "no output left");
        return r;
    }

    private static String rows(int n, String lineEnd) {
        StringBuilder b = new StringBuilder("node,y,x1,x2").append(lineEnd);
        for (int i = 0; i < n; i++) b.append("n").append(i % 9).append(',').append(i * 0.5).append(",1,").append(i % 7).append(lineEnd);
        return b.toString();
    }

    /** CR-only line ends read as one huge header: refused by name, small file or one over the read buffer. */
    @Test
    void crOnlyLineEndsAreNamed() throws IOException {
        for (int n : new int[] {50, 120_000}) {
            Path f = dir.resolve("mac.csv");
            Files.writeString(f, rows(n, "\r"));
            long t0 = System.nanoTime();
            FitCliHarness.Result r = fit(f);
            assertEquals(ExitCode.DATA_FORMAT.code(), r.code(), r.err());
            assertTrue(r.err().contains(f + ": line 1") && r.err().contains("CR only"), r.err());
            assertTrue((System.nanoTime() - t0) / 1e9 < 30, "refused at once");
            Files.delete(f);
        }
        Path crlf = dir.resolve("dos.csv");
        Files.writeString(crlf, rows(50, "\r\n"));
        FitCliHarness.Result ok = FitCliHarness.run("fit", crlf.toString(), "--k", "1", "--backend", "cpu", "--quiet",
                "--out", dir.resolve("r.json").toString());
        assertEquals(0, ok.code(), "CRLF stays accepted: " + ok.err());
    }

    /** The number of whole lines a truncated gzip file decompresses to (the reference for the message). */
    private static long wholeLines(byte[] gz) throws IOException {
        long lines = 0;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
        } catch (EOFException expected) {
            // the truncation
        }
        return lines;
    }

    /** A truncated .gz names the cause and the line where the data stops, also for files under 1 MB. */
    @Test
    void aTruncatedGzipFileNamesTheCauseAndTheLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(rows(20_000, "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bytes.toByteArray();
        for (int cut : new int[] {all.length / 2, all.length - 4}) {
            byte[] part = Arrays.copyOf(all, cut);
            Path f = dir.resolve("cut.csv.gz");
            Files.write(f, part);
            FitCliHarness.Result r = fit(f);
            assertEquals(ExitCode.IO.code(), r.code(), r.err());
            assertTrue(r.err().contains("truncated") && !r.err().contains("null"), r.err());
            Matcher m = Pattern.compile("near line (\\d+)").matcher(r.err());
            assertTrue(m.find(), r.err());
            long line = Long.parseLong(m.group(1));
            long expected = wholeLines(part) + 1;
            assertTrue(Math.abs(line - expected) <= 1 && line > 1, "reported line " + line + ", data ends at line " + expected);
        }
    }

    @Test
    void aDuplicatedFeatureIsNamed() throws IOException {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, rows(40, "\n"));
        FitCliHarness.Result r = fit(f, "--x-cols", "x1,x1");
        assertEquals(ExitCode.USAGE.code(), r.code(), r.err());
        assertTrue(r.err().contains("--x-cols names column 'x1' twice"), r.err());
    }

    /** A header of 1200 columns is shown as its first ten names and the count. */
    @Test
    void longColumnListsAreCut() throws IOException {
        StringBuilder h = new StringBuilder("node,y");
        StringBuilder row = new StringBuilder("a,1");
        for (int i = 1; i <= 1200; i++) {
            h.append(",x").append(i);
            row.append(",1");
        }
        Path f = dir.resolve("wide.csv");
        Files.writeString(f, h + "\n" + row + "\n");
        FitCliHarness.Result r = fit(f, "--x-cols", "x1,nope");
        assertEquals(ExitCode.DATA_FORMAT.code(), r.code(), r.err());
        assertTrue(r.err().contains("node, y, x1, x2, x3, x4, x5, x6, x7, x8, ... (1202 columns)"), r.err());
        assertTrue(r.err().length() < 600, "short: " + r.err().length() + " characters");
    }

    @Test
    void mergeOfAMissingDirectorySaysItIsMissing() {
        Path none = dir.resolve("none");
        FitCliHarness.Result r = FitCliHarness.run("merge", "--out", dir.resolve("m").toString(), none.toString());
        assertEquals(ExitCode.IO.code(), r.code(), r.err());
        assertTrue(r.err().contains("not found: " + none), r.err());
        assertFalse(r.err().contains("--spec"), r.err());
    }

    /** A plot that cannot be written is an I/O error (exit 5), not "this Java runtime cannot draw". */
    @Test
    void aPlotThatCannotBeWrittenIsAnIoError() throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, "name: s\naxes:\n  m: [20, 40]\n  n: 5\n  d: 2\nstopping:\n  max_iter: 3\n  target: {c: 2}\n");
        Path out = dir.resolve("o");
        assertEquals(0, FitCliHarness.run("sweep", spec.toString(), "--out", out.toString(), "--backend", "cpu").code());
        Files.createDirectories(out.resolve("error_vs_iteration.png"));
        FitCliHarness.Result r = FitCliHarness.run("summarize", out.toString());
        assertEquals(ExitCode.IO.code(), r.code(), r.err());
        assertTrue(r.err().contains("error_vs_iteration.png") && r.err().contains("is a directory"), r.err());
        assertFalse(r.err().contains("plots skipped"), r.err());
    }
}
