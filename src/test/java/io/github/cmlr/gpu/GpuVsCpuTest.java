package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.random.CurandNormalStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kernel against its CPU reference on awkward sizes, the generated stream against the CPU
 * model over more than 10^6 numbers, cuBLAS against the own kernels, full crosschecks. Needs a GPU.
 */
@Tag("gpu")
class GpuVsCpuTest {
    static GpuBackend gpu;
    static GpuBackend own;
    static CpuBackend cpu = new CpuBackend(2);

    static GpuBackendFactory.Attempt gpuAttempt;
    static GpuBackendFactory.Attempt ownAttempt;

    @BeforeAll
    static void open() {
        gpuAttempt = GpuTestSupport.open(true, true);
        ownAttempt = GpuTestSupport.open(false, false);
    }

    @BeforeEach
    void requireGpu() {
        gpu = GpuTestSupport.require(gpuAttempt);
        own = GpuTestSupport.require(ownAttempt);
    }

    @AfterAll
    static void close() {
        if (ownAttempt.backend() != null) ownAttempt.backend().close();
        if (gpuAttempt.backend() != null) gpuAttempt.backend().close();
    }

    /** m not a multiple of 32, d = 1, n = 1, and larger d. */
    static Stream<Arguments> sizes() {
        return Stream.of(Arguments.of(37, 5, 3), Arguments.of(125, 1, 4), Arguments.of(33, 7, 1), Arguments.of(257, 20, 10),
                Arguments.of(1, 1, 1));
    }

    @ParameterizedTest(name = "m={0} n={1} d={2}")
    @MethodSource("sizes")
    void everyStageAgreesWithTheCpu(int m, int n, int d) {
        SyntheticSpec spec = SyntheticSpec.withSnr(m, n, d, 1.0, 4.0, 11L + m);
        for (GpuBackend b : new GpuBackend[] {gpu, own}) {
            List<Comparison> rows = new Crosscheck(cpu, b).run(spec, 3);
            rows.stream().filter(c -> !c.passed()).forEach(c -> System.err.println(b.description() + ": " + c));
            assertTrue(Crosscheck.allPassed(rows), b.description() + " exceeds a tolerance; see stderr");
        }
    }

    /**
     * Unequal nodes on both sides of n_j = d (37 nodes of 1..11 rows, d = 5): nodes with fewer
     * rows than features keep them (model/NodeStats), the others G_j, interleaved; every UnitOps
     * method of the node units against the CPU's, with cuBLAS and with the own kernels.
     */
    @Test
    void mixedFormNodesAgreeWithTheCpuInEveryOperation() {
        int d = 5;
        int m = 37;
        int[] off = new int[m + 1];
        for (int j = 0; j < m; j++) off[j + 1] = off[j] + (j * 7) % 11 + 1;
        int rows = off[m];
        double[] x = new double[rows * d];
        double[] y = new double[rows];
        new CurandNormalStream(5).fill(0, x, 0, x.length);
        new CurandNormalStream(6).fill(0, y, 0, y.length);
        Dataset data = new Dataset(d, off, x, y, null, null);
        NodeStats a = cpu.nodeStats(data);
        int[] forms = Crosscheck.forms(a);
        assertTrue(java.util.Arrays.stream(forms).sum() > 0 && java.util.Arrays.stream(forms).sum() < m, "both forms present");
        MixtureParams p = new MixtureParams(d, new double[] {1, 0, -1, 0.5, 0.2, 0.5, 0.5, 0.5, 0, -0.3, 0, 0, 0, 1, 1},
                new double[] {1, 2, 0.5}, new double[] {0.2, 0.3, 0.5});
        double[] theta = {0.4, -0.2, 0.1, 0.3, -0.5};
        for (GpuBackend b : new GpuBackend[] {gpu, own}) {
            NodeStats g = b.nodeStats(data);
            assertArrayEquals(forms, Crosscheck.forms(g));
            assertTrue(Crosscheck.gramComparison(a, g).passed());
            assertTrue(Comparison.of("", "s", a.xty(), g.xty(), Tolerances.STATISTICS).passed());
            assertTrue(Comparison.of("", "n", a.counts(), g.counts(), 0).passed());
            try (UnitOps ca = cpu.nodeUnits(a); UnitOps ga = b.nodeUnits(a)) {
                assertAgree("totalGram", ca.totalGram(), ga.totalGram(), Tolerances.STATISTICS);
                double[] wc = new double[m];
                double[] wg = new double[m];
                double lc = ca.symmetricWeights(theta, 0.8, wc);
                double lg = ga.symmetricWeights(theta, 0.8, wg);
                assertAgree("tanh weights", wc, wg, Tolerances.POSTERIORS);
                assertAgree("symmetric loglik", new double[] {lc}, new double[] {lg}, Tolerances.LOG_LIKELIHOOD);
                double[] xc = new double[d];
                double[] xg = new double[d];
                ca.weightedXty(wc, xc);
                ga.weightedXty(wc, xg);
                assertAgree("weightedXty", xc, xg, Tolerances.POSTERIORS);
                double[] gc = new double[m * 3];
                double[] gg = new double[m * 3];
                double[] llc = new double[m * 3];
                double[] llg = new double[m * 3];
                lc = ca.posteriors(p, gc, llc);
                lg = ga.posteriors(p, gg, llg);
                assertAgree("gamma", gc, gg, Tolerances.POSTERIORS);
                assertAgree("l_uk", llc, llg, Tolerances.LOG_LIKELIHOOD);
                assertAgree("loglik", new double[] {lc}, new double[] {lg}, Tolerances.LOG_LIKELIHOOD);
                ComponentSums sc = new ComponentSums(3, d);
                ComponentSums sg = new ComponentSums(3, d);
                ca.componentSums(gc, 3, sc);
                ga.componentSums(gc, 3, sg);
                assertAgree("sums gram", sc.gram, sg.gram, Tolerances.POSTERIORS);
                assertAgree("sums xty", sc.xty, sg.xty, Tolerances.POSTERIORS);
                assertAgree("sums yty", sc.yty, sg.yty, Tolerances.POSTERIORS);
                assertAgree("sums count", sc.count, sg.count, Tolerances.POSTERIORS);
                assertAgree("sums weight", sc.weight, sg.weight, Tolerances.POSTERIORS);
            }
        }
    }

    /**
     * The benchmark's device pipeline (generation and statistics chunk by chunk on the device)
     * against the CPU's node units on the same spec: nodes of n &lt; d rows keep their rows there
     * too, the others G_j; chunks of 8 nodes do not divide m.
     */
    @ParameterizedTest(name = "m={0} n={1} d={2}")
    @MethodSource("pipelineSizes")
    void devicePipelineUnitsAgreeWithTheCpu(int m, int n, int d) {
        SyntheticSpec spec = SyntheticSpec.withSnr(m, n, d, 1.0, 4.0, 21L);
        double[] theta = Crosscheck.start(SyntheticGenerator.thetaStar(spec), 1.0);
        MixtureParams p = MixtureParams.symmetric(theta, 1.5);
        for (GpuBackend b : new GpuBackend[] {gpu, own}) {
            try (UnitOps ca = cpu.nodeUnits(cpu.nodeStats(cpu.generate(spec))); UnitOps ga = b.syntheticNodeUnits(spec, 8)) {
                assertArrayEquals(ca.unitCounts(), ga.unitCounts());
                assertAgree("totalGram", ca.totalGram(), ga.totalGram(), Tolerances.STATISTICS);
                double[] wc = new double[m];
                double[] wg = new double[m];
                assertAgree("symmetric loglik", new double[] {ca.symmetricWeights(theta, 1.0, wc)},
                        new double[] {ga.symmetricWeights(theta, 1.0, wg)}, Tolerances.LOG_LIKELIHOOD);
                assertAgree("tanh weights", wc, wg, Tolerances.POSTERIORS);
                double[] gc = new double[m * 2];
                double[] gg = new double[m * 2];
                assertAgree("loglik", new double[] {ca.posteriors(p, gc, null)}, new double[] {ga.posteriors(p, gg, null)},
                        Tolerances.LOG_LIKELIHOOD);
                assertAgree("gamma", gc, gg, Tolerances.POSTERIORS);
                ComponentSums sc = new ComponentSums(2, d);
                ComponentSums sg = new ComponentSums(2, d);
                ca.componentSums(gc, 2, sc);
                ga.componentSums(gc, 2, sg);
                assertAgree("sums gram", sc.gram, sg.gram, Tolerances.POSTERIORS);
                assertAgree("sums xty", sc.xty, sg.xty, Tolerances.POSTERIORS);
                assertAgree("sums weight", sc.weight, sg.weight, Tolerances.POSTERIORS);
            }
        }
    }

    static Stream<Arguments> pipelineSizes() {
        return Stream.of(Arguments.of(37, 3, 7), Arguments.of(37, 7, 7), Arguments.of(125, 1, 4));
    }

    /** {@link Comparison#of} within tol, the comparison shown on failure. */
    private static void assertAgree(String what, double[] ref, double[] got, double tol) {
        Comparison c = Comparison.of("", what, ref, got, tol);
        assertTrue(c.passed(), c.toString());
    }

    /** The own Philox kernel against the CPU model over more than 10^6 numbers from several starts. */
    @Test
    void ownKernelStreamMatchesTheCpuModelOverMoreThanAMillionNumbers() {
        for (Comparison c : Crosscheck.streamCheck(own, 42, 1_200_003)) assertTrue(c.passed(), c.toString());
    }

    /**
     * cuRAND itself (not the backend, which would silently fall back) against the CPU model. A
     * failure here means the CPU model of the LEGACY layout is wrong: fix CurandNormalStream.
     */
    @Test
    void curandStreamMatchesTheCpuModelOverMoreThanAMillionNumbers() {
        NativeLibraries.Status libs = NativeLibraries.load();
        org.junit.jupiter.api.Assumptions.assumeTrue(libs.curand(), "libcurand.so.10 not loadable: " + libs.curandProblem());
        int len = 1_200_003;
        try (Rand rand = new Rand(gpu.context()); DeviceBuffer buf = DeviceBuffer.doubles(gpu.context(), len + 1L, "stream")) {
            for (long start : new long[] {0, 4, 262_144, 1_000_004}) {
                double[] ref = new double[len];
                new CurandNormalStream(42).fill(start, ref, 0, len);
                rand.normalFill(42, start, buf.ptr(), len);
                Comparison c = Comparison.of("", "cuRAND from " + start, ref, buf.download(len), 1e-14);
                assertTrue(c.passed(), c.toString());
            }
        }
    }

    @Test
    void ownKernelsAgreeWithCublasAndTwoRunsAreIdentical() {
        SyntheticSpec spec = SyntheticSpec.withSnr(301, 9, 6, 1.0, 4.0, 3L);
        Dataset data = cpu.generate(spec);
        NodeStats s1 = gpu.nodeStats(data);
        NodeStats s2 = own.nodeStats(data);
        assertTrue(Comparison.of("", "G", s1.gram(), s2.gram(), Tolerances.STATISTICS).passed());
        double[] theta = SyntheticGenerator.thetaStar(spec);
        try (UnitOps a = gpu.nodeUnits(s1); UnitOps b = own.nodeUnits(s1); UnitOps sa = gpu.sampleUnits(data);
             UnitOps sb = own.sampleUnits(data)) {
            for (UnitOps[] pair : new UnitOps[][] {{a, b}, {sa, sb}}) {
                double[] w = new double[pair[0].units()];
                pair[0].symmetricWeights(theta, 1.0, w);
                double[] x1 = new double[6];
                double[] x2 = new double[6];
                pair[0].weightedXty(w, x1);
                pair[1].weightedXty(w, x2);
                assertTrue(Comparison.of("", "weightedXty", x1, x2, Tolerances.POSTERIORS).passed());
                double[] gamma = new double[pair[0].units() * 2];
                pair[0].posteriors(MixtureParams.symmetric(theta, 1.0), gamma, null);
                ComponentSums c1 = new ComponentSums(2, 6);
                ComponentSums c2 = new ComponentSums(2, 6);
                ComponentSums c3 = new ComponentSums(2, 6);
                pair[0].componentSums(gamma, 2, c1);
                pair[1].componentSums(gamma, 2, c2);
                pair[0].componentSums(gamma, 2, c3);
                assertTrue(Comparison.of("", "componentSums", c1.gram, c2.gram, Tolerances.POSTERIORS).passed());
                assertEquals(java.util.Arrays.toString(c1.gram), java.util.Arrays.toString(c3.gram), "two runs differ");
            }
        }
    }
}
