package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import org.junit.jupiter.api.Test;

/** The host-side layouts the kernels read and write (no device needed). */
class HostLayoutTest {
    @Test
    void stackAndUnstackAreInverse() {
        int d = 2;
        NodeStats s = new NodeStats(d, new double[] {3, 5}, new double[] {1, 2, 2, 4, 5, 6, 6, 7}, new double[] {8, 9, 10, 11},
                new double[] {12, 13}, null);
        double[] rows = GpuNodeUnits.stack(s);
        assertEquals(2 * Kernels.stackedWidth(d), rows.length);
        assertArrayEquals(new double[] {1, 2, 2, 4, 8, 9, 12, 3, 1}, java.util.Arrays.copyOf(rows, 9));
        NodeStats back = GpuNodeUnits.unstack(rows, 2, d);
        assertArrayEquals(s.gram(), back.gram());
        assertArrayEquals(s.xty(), back.xty());
        assertArrayEquals(s.yty(), back.yty());
        assertArrayEquals(s.counts(), back.counts());
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
