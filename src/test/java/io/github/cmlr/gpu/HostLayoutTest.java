package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The host-side layouts the kernels read and write (no device needed). */
class HostLayoutTest {
    /** d = 4; nodes of 1, 5, 3, 4, 2, 7 rows: nodes 0, 2, 4 keep their rows, 1, 3, 5 keep G_j. */
    static Dataset mixedData() {
        int d = 4;
        int[] offsets = {0, 1, 6, 9, 13, 15, 22};
        double[] x = new double[22 * d];
        double[] y = new double[22];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(1.3 * i + 0.2);
        for (int i = 0; i < y.length; i++) y[i] = Math.cos(0.7 * i) + 0.1 * i;
        return new Dataset(d, offsets, x, y, null, null);
    }

    @Test
    void layoutStacksTheNodesThatKeepGramAndPacksTheRowsOfTheOthers() {
        Dataset data = mixedData();
        int d = data.dim();
        int w = Kernels.stackedWidth(d);
        NodeStats s;
        try (CpuBackend cpu = new CpuBackend(1)) {
            s = cpu.nodeStats(data);
        }
        NodeLayout l = NodeLayout.of(s);
        assertEquals(3, l.stackedNodes());
        assertEquals(3, l.rowNodes());
        assertArrayEquals(new int[] {1, 3, 5, 0, 2, 4}, l.order());
        assertFalse(l.inNodeOrder());
        for (int u = 0; u < 3; u++) {
            int j = l.order()[u];
            assertArrayEquals(s.gram(j), Arrays.copyOfRange(l.stacked(), u * w, u * w + d * d));
            assertArrayEquals(Arrays.copyOfRange(s.xty(), j * d, j * d + d), Arrays.copyOfRange(l.stacked(), u * w + d * d, u * w + d * d + d));
            assertArrayEquals(new double[] {s.yty()[j], s.counts()[j], 1}, Arrays.copyOfRange(l.stacked(), u * w + d * d + d, (u + 1) * w));
        }
        assertArrayEquals(new int[] {0, 1, 4, 6}, l.offsets());
        assertArrayEquals(new int[] {3, 4, 4, 4, 5, 5}, l.rowUnit());
        for (int r = 0; r < 3; r++) {
            int j = l.order()[3 + r];
            for (int i = 0; i < data.nodeSize(j); i++) {
                int src = data.nodeOffset(j) + i;
                int dst = l.offsets()[r] + i;
                assertArrayEquals(Arrays.copyOfRange(data.x(), src * d, src * d + d), Arrays.copyOfRange(l.x(), dst * d, dst * d + d));
                assertEquals(data.y()[src], l.y()[dst]);
            }
        }
        // Per node: W numbers for a stacked node, its rows (n (d + 1)) plus n + 1 indices for a row node.
        long expected = 3L * w + 6 * (d + 1) + 6 + 4;
        assertEquals(expected, l.deviceNumbers());
        assertTrue(l.deviceNumbers() < 6L * w);
    }

    /** The benchmark's layouts, whose stacked rows or kept rows are built on the device. */
    @Test
    void layoutsOfEqualNodesBuiltOnTheDevice() {
        NodeLayout rows = NodeLayout.allRows(3, 2, 4);
        assertEquals(0, rows.stackedNodes());
        assertEquals(3, rows.rowNodes());
        assertEquals(6, rows.rows());
        assertArrayEquals(new int[] {0, 2, 4, 6}, rows.offsets());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, rows.rowUnit());
        assertTrue(rows.inNodeOrder());
        assertEquals(6L * (4 + 2) + 4, rows.deviceNumbers());
        assertThrows(IllegalArgumentException.class, () -> NodeLayout.allRows(3, 4, 4), "4 rows, d = 4 keep G_j");
        NodeLayout stacked = NodeLayout.allStacked(5, 3);
        assertEquals(5, stacked.stackedNodes());
        assertEquals(0, stacked.rowNodes());
        assertTrue(stacked.inNodeOrder());
        assertEquals(5L * Kernels.stackedWidth(3) + 1, stacked.deviceNumbers());
    }

    @Test
    void unitOrderPermutationsAreInverse() {
        int[] order = {1, 3, 5, 0, 2, 4};
        double[] node = new double[12];
        for (int i = 0; i < node.length; i++) node[i] = 10 * (i / 2) + i % 2;
        double[] dev = new double[12];
        NodeLayout.toDeviceOrder(node, order, 2, dev);
        assertArrayEquals(new double[] {10, 11, 30, 31, 50, 51, 0, 1, 20, 21, 40, 41}, dev);
        double[] back = new double[12];
        NodeLayout.toNodeOrder(dev, order, 2, back);
        assertArrayEquals(node, back);
    }

    /** Stacked rows of every node (what the device's statistics kernels write) back to the CPU's forms. */
    @Test
    void unstackGivesEachNodeTheFormTheCpuGivesIt() {
        Dataset data = mixedData();
        try (CpuBackend cpu = new CpuBackend(1)) {
            NodeStats ref = cpu.nodeStats(data);
            NodeStats allGram = new NodeStats(data.dim(), ref.counts(), ref.gram(), ref.xty(), ref.yty(), null);
            NodeLayout stackedAll = NodeLayout.of(allGram);
            assertTrue(stackedAll.inNodeOrder());
            assertEquals(0, stackedAll.rowNodes());
            NodeStats back = NodeLayout.unstack(stackedAll.stacked(), data);
            assertArrayEquals(Crosscheck.forms(ref), Crosscheck.forms(back));
            assertArrayEquals(new int[] {1, 0, 1, 0, 1, 0}, Crosscheck.forms(back));
            for (int j = 0; j < ref.nodes(); j++) assertArrayEquals(ref.nodeMoments(j), back.nodeMoments(j), 1e-12, "node " + j);
            assertArrayEquals(ref.xty(), back.xty());
            assertArrayEquals(ref.yty(), back.yty());
            assertArrayEquals(ref.counts(), back.counts());
            assertEquals(0.0, Crosscheck.gramComparison(ref, back).maxAbs(), 1e-12);
        }
    }

    @Test
    void packedParametersHoldBetaVariancesAndLogWeights() {
        MixtureParams p = new MixtureParams(2, new double[] {1, 2, 3, 4}, new double[] {0.5, 2}, new double[] {0.25, 0.75});
        assertArrayEquals(new double[] {1, 2, 3, 4, 0.5, 2, Math.log(0.25), Math.log(0.75)}, GpuUnitOps.packParams(p));
    }

    @Test
    void unpackSplitsStackedSumsPerComponent() {
        int d = 1;
        int w = Kernels.stackedWidth(d);
        double[] sums = {1, 2, 3, 4, 5, 11, 12, 13, 14, 15};
        assertEquals(5, w);
        ComponentSums out = new ComponentSums(2, d);
        GpuUnitOps.unpack(sums, 2, out);
        assertArrayEquals(new double[] {1, 11}, out.gram);
        assertArrayEquals(new double[] {2, 12}, out.xty);
        assertArrayEquals(new double[] {3, 13}, out.yty);
        assertArrayEquals(new double[] {4, 14}, out.count);
        assertArrayEquals(new double[] {5, 15}, out.weight);
    }

    @Test
    void reductionGridDependsOnlyOnTheLength() {
        assertEquals(1, Kernels.sumBlocks(1));
        assertEquals(1, Kernels.sumBlocks(256));
        assertEquals(2, Kernels.sumBlocks(257));
        assertEquals(1024, Kernels.sumBlocks(1L << 40));
        assertEquals(3, Kernels.chunks(2 * Kernels.CHUNK + 1));
    }

    @Test
    void loadErrorsAreShortenedToTheLoaderComplaint() {
        String jcudaStyle = "Error while loading native library \"JCudaDriver\"\nStack trace\n"
                + "java.lang.UnsatisfiedLinkError: no JCudaDriver in java.library.path\n  at x\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver.so: libcuda.so.1: cannot open shared object file\n  at y";
        assertEquals("/tmp/libJCudaDriver.so: libcuda.so.1: cannot open shared object file",
                NativeLibraries.shortReason(new UnsatisfiedLinkError(jcudaStyle)));
        assertEquals("plain", NativeLibraries.shortReason(new RuntimeException("plain\nmore")));
    }
}
