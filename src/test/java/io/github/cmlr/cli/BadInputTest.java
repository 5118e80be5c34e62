package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets its exit code, a message naming file/line/column or option, and no output file. */
class BadInputTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** Runs fit on the file and checks exit code, message fragments, and that only the input remains. */
    private String fitFails(ExitCode expected, Path input, List<String> extra, String... fragments) throws IOException {
        List<String> before = FitCliHarness.listing(dir);
        List<String> args = new ArrayList<>(List.of("fit", input.toString(), "--backend", "cpu", "--quiet",
                "--out", dir.resolve("report.json").toString(), "--posteriors", dir.resolve("post.csv").toString()));
        args.addAll(extra);
        FitCliHarness.Result r = FitCliHarness.run(args.toArray(new String[0]));
        assertEquals(expected.code(), r.code(), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), () -> "'" + f + "' missing from: " + r.err());
        assertEquals(before, FitCliHarness.listing(dir), "no output or temporary file may remain");
        return r.err();
    }

    private String fitFails(ExitCode expected, Path input, String... fragments) throws IOException {
        return fitFails(expected, input, List.of(), fragments);
    }

    @Test
    void emptyFile() throws IOException {
        Path f = csv("empty.csv", "");
        fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "empty");
    }

    @Test
    void headerWithoutRows() throws IOException {
        Path f = csv("header.csv", "node,y,x1\n");
        fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "no data rows");
    }

    @Test
    void missingNamedColumn() throws IOException {
        Path f = csv("d.csv", "node,y,x1\na,1,2\n");
        fitFails(ExitCode.DATA_FORMAT, f, List.of("--y-col", "response"), f.toString(), "line 1",
                "no column named 'response'", "--y-col");
    }

    @Test
    void missingFeatureColumn() throws IOException {
        Path f = csv("d.csv", "node,y,x1\na,1,2\n");
        fitFails(ExitCode.DATA_FORMAT, f, List.of("--x-cols", "x1,x9"), f.toString(), "no column named 'x9'", "--x-cols");
    }

    @Test
    void duplicatedColumnName() throws IOException {
        Path f = csv("d.csv", "node,y,x1,x1\na,1,2,3\n");
        fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "line 1", "'x1' appears twice", "columns 3 and 4");
    }

    @Test
    void raggedRowTooFewCells() throws IOException {
        Path f = csv("d.csv", "node,y,x1,x2\na,1,2,3\na,1,2,3\nb,4,5\n");
        fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "line 4", "3 cells", "4 columns", "column 4 ('x2')");
    }

    @Test
    void raggedRowTooManyCells() throws IOException {
        Path f = csv("d.csv", "node,y,x1\na,1,2\na,1,2,7\n");
        fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "line 3", "4 cells", "column 4");
    }

    @Test
    void nonNumericCell() throws IOException {
        Path f = csv("d.csv", "node,y,x1,x2\na,1,2,3\na,1,abc,3\n");
        fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "line 3, column 3 ('x1')", "not a number", "'abc'");
    }

    @Test
    void nonNumericCellInGzipFile() throws IOException {
        Path f = dir.resolve("d.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("node,y,x1\na,1,2\nb,2,3\nb,1.5.2,3\n".getBytes(StandardCharsets.UTF_8));
        }
        fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "line 4, column 2 ('y')", "'1.5.2'");
    }

    @Test
    void nanCell() throws IOException {
        Path f = csv("d.csv", "node,y,x1\na,1,2\na,NaN,2\n");
        fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "line 3, column 2 ('y')", "NaN or infinite", "'NaN'");
    }

    @Test
    void infiniteCells() throws IOException {
        for (String inf : new String[] {"Inf", "-Infinity", "1e999"}) {
            Path f = csv("d.csv", "node,y,x1\na,1,2\na,3," + inf + "\n");
            fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "line 3, column 3 ('x1')", "NaN or infinite", "'" + inf + "'");
        }
    }

    @Test
    void missingValue() throws IOException {
        Path f = csv("d.csv", "node,y,x1\na,1,2\na,,2\nb,NA,1\n");
        fitFails(ExitCode.DATA_FORMAT, f, List.of("--na", "fail"), f.toString(), "line 3, column 2 ('y')", "missing value");
    }

    @Test
    void emptyNodeId() throws IOException {
        Path f = csv("d.csv", "y,x1,node\n1,2,a\n1,2,\n");
        fitFails(ExitCode.DATA_FORMAT, f, List.of("--na", "fail"), f.toString(), "line 3, column 3 ('node')", "empty node id");
    }

    @Test
    void unclosedQuote() throws IOException {
        Path f = csv("d.csv", "node,y,x1\na,1,2\n\"b,1,2\n");
        fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "line 3", "not closed");
    }

    @Test
    void nodeWithTooFewRowsForLeastSquaresStart() throws IOException {
        StringBuilder sb = new StringBuilder("node,y,x1,x2,x3\n");
        for (String node : new String[] {"a", "b", "c"}) {
            int rows = node.equals("b") ? 2 : 5;
            for (int i = 0; i < rows; i++) sb.append(node).append(',').append(i).append(",1,").append(i * i).append(',').append(i % 2).append('\n');
        }
        Path f = csv("d.csv", sb.toString());
        fitFails(ExitCode.DATA_INSUFFICIENT, f, List.of("--model", "symmetric", "--sigma", "1", "--init", "lsq"),
                f.toString(), "node 'b'", "line 7", "2 rows", "--init lsq", "at least 3");
    }

    @Test
    void kLargerThanTheNumberOfNodes() throws IOException {
        Path f = csv("d.csv", "node,y,x1\na,1,2\na,2,3\nb,1,1\nc,5,2\n");
        fitFails(ExitCode.DATA_INSUFFICIENT, f, List.of("--k", "4"), "--k 4", "number of nodes (3)", f.toString());
    }

    @Test
    void fewerRowsThanCoefficients() throws IOException {
        Path f = csv("d.csv", "node,y,x1,x2,x3\na,1,2,3,4\nb,1,2,3,5\n");
        fitFails(ExitCode.DATA_INSUFFICIENT, f, List.of("--k", "1"), f.toString(), "2 rows", "3 coefficients");
    }

    @Test
    void inconsistentLabelsWithinANode() throws IOException {
        Path f = csv("d.csv", "node,y,x1,label\na,1,2,0\na,1,3,1\n");
        fitFails(ExitCode.DATA_FORMAT, f, f.toString(), "line 3, column 4 ('label')", "node 'a'", "line 2");
    }

    @Test
    void truncatedGzipFile() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            StringBuilder sb = new StringBuilder("node,y,x1\n");
            for (int i = 0; i < 20_000; i++) sb.append(i % 7).append(',').append(i * 0.37).append(',').append(i % 13).append('\n');
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bytes.toByteArray();
        Path f = dir.resolve("cut.csv.gz");
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        fitFails(ExitCode.IO, f, f.toString(), "cannot read");
    }

    @Test
    void notGzipDespiteTheName() throws IOException {
        Path f = csv("plain.csv.gz", "node,y,x1\na,1,2\n");
        fitFails(ExitCode.IO, f, f.toString(), "cannot read");
    }

    @Test
    void missingFile() throws IOException {
        Path f = dir.resolve("nope.csv");
        fitFails(ExitCode.IO, f, f.toString(), "no such file");
    }

    /**
     * The report cannot be written (its path is a directory) after the fit succeeded: the
     * posteriors file, ready by then, must not be left behind either.
     */
    @Test
    void unwritableReportLeavesNoPosteriorsFile() throws IOException {
        Path f = csv("d.csv", "node,y,x1\na,1,2\na,2,3\nb,1,1\nb,5,2\nc,1,0\nc,2,1\n");
        Path taken = Files.createDirectory(dir.resolve("taken"));
        List<String> before = FitCliHarness.listing(dir);
        FitCliHarness.Result r = FitCliHarness.run("fit", f.toString(), "--k", "1", "--backend", "cpu", "--quiet",
                "--out", taken.toString(), "--posteriors", dir.resolve("post.csv").toString());
        assertEquals(ExitCode.IO.code(), r.code(), r.err());
        assertTrue(r.err().contains("cannot write " + taken), r.err());
        assertEquals(before, FitCliHarness.listing(dir), "no output or temporary file may remain");
        assertEquals(List.of(), FitCliHarness.listing(taken));
    }

    @Test
    void unknownOption() throws IOException {
        Path f = csv("d.csv", "node,y,x1\na,1,2\n");
        fitFails(ExitCode.USAGE, f, List.of("--no-such-option"), "--no-such-option");
        List<String> before = FitCliHarness.listing(dir);
        FitCliHarness.Result r = FitCliHarness.run("simulate", "--m", "2", "--n", "2", "--d", "1", "--snr", "4",
                "--out", dir.resolve("s.csv").toString(), "--bogus");
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("--bogus"), r.err());
        assertEquals(before, FitCliHarness.listing(dir));
    }

    @Test
    void badOptionValuesNameTheOption() throws IOException {
        Path f = csv("d.csv", "node,y,x1\na,1,2\n");
        fitFails(ExitCode.USAGE, f, List.of("--model", "gaussian"), "--model", "'gaussian'");
        fitFails(ExitCode.USAGE, f, List.of("--model", "symmetric"), "--sigma");
        fitFails(ExitCode.USAGE, f, List.of("--k", "0"), "--k");
        fitFails(ExitCode.USAGE, f, List.of("--init", "lsq"), "--init");
        fitFails(ExitCode.USAGE, f, List.of("--k", "two"), "--k");
        fitFails(ExitCode.USAGE, f, List.of("--node-col", "y"), "--node-col", "--y-col");
        fitFails(ExitCode.USAGE, f, List.of("--threads", "0"), "--threads");
        fitFails(ExitCode.USAGE, f, List.of("--backend", "tpu"), "--backend");
        fitFails(ExitCode.USAGE, f, List.of("--min-variance-ratio", "1"), "--min-variance-ratio must lie in [0, 1)");
        fitFails(ExitCode.USAGE, f, List.of("--min-rows-per-parameter", "-2"), "--min-rows-per-parameter must be finite and >= 0");
        fitFails(ExitCode.USAGE, f, List.of("--k", "1..2", "--lrt-bootstrap", "5"), "--lrt-bootstrap must be 0 (off) or >= 10");
        fitFails(ExitCode.USAGE, f, List.of("--lrt-bootstrap", "99"), "--lrt-bootstrap tests K against K + 1 over a --k range");
    }
}
