package io.github.cmlr.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.util.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private static Dataset synthetic() {
        // ~2 MB of CSV: records cross the tokenizer's 1 MB buffer boundary
        return SyntheticGenerator.generate(SyntheticSpec.withSnr(120, 40, 12, 1.0, 4.0, 5), 1);
    }

    /** Straightforward per-node accumulation over an in-memory dataset: the reference. */
    static NodeStats referenceStats(Dataset data) {
        int d = data.dim();
        int m = data.nodes();
        double[] n = new double[m];
        double[] g = new double[m * d * d];
        double[] s = new double[m * d];
        double[] q = new double[m];
        for (int j = 0; j < m; j++) {
            for (int r = data.nodeOffset(j); r < data.nodeOffset(j + 1); r++) {
                double y = data.y()[r];
                n[j]++;
                q[j] += y * y;
                for (int a = 0; a < d; a++) {
                    double xa = data.x()[r * d + a];
                    s[j * d + a] += xa * y;
                    for (int b = 0; b < d; b++) g[j * d * d + a * d + b] += xa * data.x()[r * d + b];
                }
            }
        }
        String[] ids = new String[m];
        for (int j = 0; j < m; j++) ids[j] = data.nodeId(j);
        return new NodeStats(d, n, g, s, q, ids);
    }

    static void assertSameStats(NodeStats a, NodeStats b) {
        assertEquals(a.dim(), b.dim());
        assertArrayEquals(a.counts(), b.counts());
        assertArrayEquals(a.gram(), b.gram());
        assertArrayEquals(a.xty(), b.xty());
        assertArrayEquals(a.yty(), b.yty());
        assertArrayEquals(a.nodeIds(), b.nodeIds());
    }

    /** Equal up to rounding (the reference adds rows one at a time, the statistics pass four at a time). */
    static void assertCloseStats(NodeStats a, NodeStats b) {
        assertArrayEquals(a.counts(), b.counts());
        assertArrayEquals(a.nodeIds(), b.nodeIds());
        double[][] pairs = {a.gram(), b.gram(), a.xty(), b.xty(), a.yty(), b.yty()};
        for (int p = 0; p < pairs.length; p += 2) {
            for (int i = 0; i < pairs[p].length; i++) {
                assertEquals(pairs[p][i], pairs[p + 1][i], 1e-12 * (1 + Math.abs(pairs[p][i])));
            }
        }
    }

    @Test
    void streamedStatsEqualTheStatisticsPassBitwiseForEveryNodeSize() throws IOException {
        // node sizes 1..9 cover every remainder of the four-row grouping; nodes interleaved
        StringBuilder sb = new StringBuilder("node,y,x1,x2,x3\n");
        SplittableRandom rnd = new SplittableRandom(21);
        int[] left = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        int total = 45;
        while (total > 0) {
            int j = rnd.nextInt(left.length);
            if (left[j] == 0) continue;
            left[j]--;
            total--;
            sb.append("n").append(j).append(',').append(rnd.nextGaussian());
            for (int k = 0; k < 3; k++) sb.append(',').append(rnd.nextGaussian() * 10);
            sb.append('\n');
        }
        Path file = dir.resolve("sizes.csv");
        Files.writeString(file, sb.toString());
        for (boolean intercept : new boolean[] {false, true}) {
            CsvOptions opt = CsvOptions.defaults().withIntercept(intercept);
            NodeStats streamed = CsvReader.readNodeStats(file, opt, Progress.none()).stats();
            Dataset loaded = CsvReader.readDataset(file, opt, Progress.none()).dataset();
            assertSameStats(new CpuBackend(1).nodeStats(loaded), streamed);
            assertCloseStats(referenceStats(loaded), streamed);
        }
    }

    @Test
    void writtenDatasetReadsBackBitwiseWithLabels() {
        Dataset data = synthetic();
        for (String name : new String[] {"d.csv", "d.csv.gz"}) {
            Path file = dir.resolve(name);
            CsvWriter.write(data, file, true);
            CsvReader.DatasetResult read = CsvReader.readDataset(file, CsvOptions.defaults(), Progress.none());
            assertTrue(read.dataset().sameNumbers(data), name);
            assertEquals(List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12"),
                    read.info().featureNames(), "the label column is not a feature");
            assertEquals(120 * 40, read.info().rows());
            assertEquals("7", read.dataset().nodeId(7));
        }
    }

    @Test
    void streamedStatsEqualInMemoryStatsOnNonContiguousNodes() throws IOException {
        Dataset data = synthetic();
        Path file = dir.resolve("shuffled.csv.gz");
        writeInterleaved(data, file, new SplittableRandom(3));
        CsvReader.StatsResult streamed = CsvReader.readNodeStats(file, CsvOptions.defaults(), Progress.none());
        CsvReader.DatasetResult loaded = CsvReader.readDataset(file, CsvOptions.defaults(), Progress.none());
        assertSameStats(new CpuBackend(2).nodeStats(loaded.dataset()), streamed.stats());
        assertCloseStats(referenceStats(loaded.dataset()), streamed.stats());
        assertEquals(data.nodes(), streamed.stats().nodes());
        // rows within each node kept their order, so per node the data equal the original
        for (int j = 0; j < data.nodes(); j++) {
            int original = Integer.parseInt(loaded.dataset().nodeId(j));
            for (int i = 0; i < data.nodeSize(original); i++) {
                assertEquals(data.y()[data.nodeOffset(original) + i], loaded.dataset().y()[loaded.dataset().nodeOffset(j) + i]);
            }
        }
        NodeStats fromOriginal = new CpuBackend(1).nodeStats(data);
        int d = data.dim();
        for (int j = 0; j < data.nodes(); j++) {
            int original = Integer.parseInt(streamed.stats().nodeId(j));
            assertEquals(fromOriginal.yty()[original], streamed.stats().yty()[j]);
            for (int k = 0; k < d * d; k++) {
                assertEquals(fromOriginal.gram()[original * d * d + k], streamed.stats().gram()[j * d * d + k]);
            }
        }
    }

    /** Rows of all nodes interleaved at random, keeping each node's own row order. */
    private static void writeInterleaved(Dataset data, Path file, SplittableRandom rnd) throws IOException {
        int[] next = new int[data.nodes()];
        List<Integer> pending = new ArrayList<>();
        for (int j = 0; j < data.nodes(); j++) for (int i = 0; i < data.nodeSize(j); i++) pending.add(j);
        for (int i = pending.size() - 1; i > 0; i--) {
            int k = rnd.nextInt(i + 1);
            int t = pending.get(i);
            pending.set(i, pending.get(k));
            pending.set(k, t);
        }
        int d = data.dim();
        StringBuilder sb = new StringBuilder("y,node");
        for (int k = 1; k <= d; k++) sb.append(",x").append(k);
        sb.append('\n');
        for (int j : pending) {
            int r = data.nodeOffset(j) + next[j]++;
            sb.append(data.y()[r]).append(',').append(j);
            for (int k = 0; k < d; k++) sb.append(',').append(data.x()[r * d + k]);
            sb.append('\n');
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void quotesCrlfBomBlankLinesAndMissingFinalNewline() throws IOException {
        String text = "\uFEFF\"id\",\"a\",\"y\",\"b\"\r\n"
                + "\"n,1\",1.5,2,3\r\n"
                + "\r\n"
                + "\"say \"\"hi\"\"\",\"4\",5,6e0\r\n"
                + "\"n,1\",7,8,9";
        Path file = dir.resolve("quoted.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        CsvOptions opt = new CsvOptions("id", "y", List.of("b", "a"), null, true);
        Dataset data = CsvReader.readDataset(file, opt, Progress.none()).dataset();
        assertEquals(2, data.nodes());
        assertEquals("n,1", data.nodeId(0));
        assertEquals("say \"hi\"", data.nodeId(1));
        assertArrayEquals(new double[] {1, 3, 1.5, 1, 9, 7, 1, 6, 4}, data.x());
        assertArrayEquals(new double[] {2, 8, 5}, data.y());
        assertArrayEquals(new int[] {0, 2, 3}, data.offsets());
    }

    @Test
    void gzipIsRecognisedByItsMagicBytes() throws IOException {
        Path file = dir.resolve("looks-plain.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("node,y,x\na,1,2\nb,3,4\na,5,6\n".getBytes(StandardCharsets.UTF_8));
        }
        CsvReader.StatsResult r = CsvReader.readNodeStats(file, CsvOptions.defaults(), Progress.none());
        assertArrayEquals(new double[] {2, 1}, r.stats().counts());
        assertArrayEquals(new double[] {1 * 2 + 5 * 6, 3 * 4}, r.stats().xty());
        assertEquals(2, r.info().nodes().firstLine(0));
        assertEquals(3, r.info().nodes().firstLine(1));
    }
}
