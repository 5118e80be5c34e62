package io.github.cmlr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.api.InvalidModelException.Param;
import io.github.cmlr.api.InvalidModelException.Reason;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.SymmetricInit;
import io.github.cmlr.util.ExitCode;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each invalid model description is refused with its typed reason and arguments. */
class ModelSpecTest {

    private static InvalidModelException refused(Reason expected, Supplier<?> build) {
        InvalidModelException e = assertThrows(InvalidModelException.class, build::get);
        assertEquals(expected, e.reason(), e.getMessage());
        return e;
    }

    private static ModelSpec.Builder mixture() {
        return ModelSpec.builder();
    }

    @Test
    void symmetricModelNeedsAFiniteSigmaTwoComponentsAndNoSharedVariance() {
        refused(Reason.SIGMA_REQUIRED, () -> ModelSpec.builder().model(ModelSpec.Model.SYMMETRIC).build());
        assertEquals(List.of(-1.0), refused(Reason.SIGMA_INVALID, () -> ModelSpec.symmetric(-1)).args());
        refused(Reason.SIGMA_INVALID, () -> ModelSpec.symmetric(Double.POSITIVE_INFINITY));
        refused(Reason.SIGMA_INVALID, () -> ModelSpec.symmetric(1e-300)); // sigma^2 underflows to 0
        refused(Reason.SIGMA_INVALID, () -> ModelSpec.symmetric(1e300));  // sigma^2 overflows
        refused(Reason.SYMMETRIC_K, () -> ModelSpec.builder().model(ModelSpec.Model.SYMMETRIC).sigma(1.0).k(3).build());
        refused(Reason.SYMMETRIC_SHARED_VARIANCE,
                () -> ModelSpec.builder().model(ModelSpec.Model.SYMMETRIC).sigma(1.0).sharedVariance(true).build());
        assertEquals(1, ModelSpec.symmetric(0.5).starts(), "the symmetric model's default is one start");
    }

    @Test
    void initApplesToTheSymmetricModelOnly() {
        InvalidModelException e = refused(Reason.INIT_NEEDS_SYMMETRIC, () -> mixture().init(SymmetricInit.LSQ).build());
        assertEquals(List.of("lsq"), e.args());
    }

    @Test
    void countsAndTolerancesHaveLowerBounds() {
        assertEquals(List.of(Param.STARTS, 1, 0), refused(Reason.NOT_AT_LEAST, () -> mixture().starts(0).build()).args());
        assertEquals(Param.BOOTSTRAP, refused(Reason.NOT_AT_LEAST, () -> mixture().bootstrap(1).build()).args().get(0));
        assertEquals(Param.MAX_ITERATIONS, refused(Reason.NOT_AT_LEAST, () -> mixture().maxIterations(-1).build()).args().get(0));
        assertEquals(Param.TOL_PARAM, refused(Reason.NOT_AT_LEAST, () -> mixture().tolParam(Double.NaN).build()).args().get(0));
        assertEquals(Param.TOL_LOGLIK, refused(Reason.NOT_AT_LEAST, () -> mixture().tolLogLik(-1e-3).build()).args().get(0));
        assertEquals(Param.K, refused(Reason.NOT_AT_LEAST, () -> mixture().k(0)).args().get(0));
        assertEquals(10, ModelSpec.mixture(3).starts(), "a mixture's default is ten starts");
    }

    @Test
    void spuriousSolutionBoundsHaveDefaultsRangesAndAnOff() {
        ModelSpec d = ModelSpec.mixture(2);
        assertEquals(1e-3, d.minVarianceRatio());
        assertEquals(2.0, d.minRowsPerParameter());
        assertEquals(d.bounds(), d.mixtureOptions().bounds());
        assertEquals(io.github.cmlr.em.MixtureOptions.Bounds.NONE,
                mixture().minVarianceRatio(0).minRowsPerParameter(0).build().mixtureOptions().bounds());
        for (double bad : new double[] {-0.1, 1.0, Double.NaN}) {
            assertEquals(List.of(bad), refused(Reason.VARIANCE_RATIO_RANGE, () -> mixture().minVarianceRatio(bad).build()).args());
        }
        for (double bad : new double[] {-1, Double.POSITIVE_INFINITY, Double.NaN}) {
            refused(Reason.ROWS_PER_PARAMETER_RANGE, () -> mixture().minRowsPerParameter(bad).build());
        }
        assertTrue(refused(Reason.VARIANCE_RATIO_RANGE, () -> mixture().minVarianceRatio(2).build()).getMessage()
                .startsWith("minVarianceRatio must lie in [0, 1)"));
    }

    @Test
    void likelihoodRatioTestIsOffByDefaultAndNeedsReplicatesAndAClusteredRange() {
        assertEquals(0, ModelSpec.mixture(2).lrtBootstrap());
        assertEquals(99, mixture().k(1, 3).lrtBootstrap(99).build().lrtBootstrap());
        assertEquals(List.of(10, 9), refused(Reason.LRT_REPLICATES, () -> mixture().k(1, 3).lrtBootstrap(9).build()).args());
        refused(Reason.LRT_REPLICATES, () -> mixture().k(1, 3).lrtBootstrap(-1).build());
        assertEquals("lrtBootstrap tests K against K + 1 over a k range of model mixture with algorithm clustered, got k 2",
                refused(Reason.LRT_NEEDS_RANGE, () -> mixture().k(2).lrtBootstrap(10).build()).getMessage());
        refused(Reason.LRT_NEEDS_RANGE, () -> mixture().algorithm(ModelSpec.Algorithm.STANDARD).lrtBootstrap(10).build());
        refused(Reason.LRT_NEEDS_RANGE, () -> ModelSpec.builder().model(ModelSpec.Model.SYMMETRIC).sigma(1.0).lrtBootstrap(10).build());
    }

    @Test
    void rangesFixedWeightsAndLabelsNeedAClusteredMixture() {
        refused(Reason.NEEDS_MIXTURE, () -> ModelSpec.builder().model(ModelSpec.Model.SYMMETRIC).sigma(1.0).labelsColumn("z").build());
        refused(Reason.NEEDS_CLUSTERED, () -> mixture().algorithm(ModelSpec.Algorithm.STANDARD).k(1, 3).build());
        refused(Reason.NEEDS_CLUSTERED, () -> mixture().algorithm(ModelSpec.Algorithm.STANDARD).fixedWeights(0.5, 0.5).build());
    }

    @Test
    void fixedWeightsArePositiveSumToOneAndMatchASingleK() {
        assertEquals(List.of(1.2), refused(Reason.FIXED_WEIGHT_RANGE, () -> mixture().fixedWeights(1.2, -0.2).build()).args());
        refused(Reason.FIXED_WEIGHTS_SUM, () -> mixture().fixedWeights(0.5, 0.6).build());
        InvalidModelException e = refused(Reason.FIXED_WEIGHTS_COUNT, () -> mixture().k(2, 4).fixedWeights(0.5, 0.5).build());
        assertEquals(2, e.args().get(0));
        assertEquals("2..4", e.args().get(1).toString());
        assertEquals(2, mixture().fixedWeights(0.5, 0.5).build().fixedWeights().length);
    }

    @Test
    void theDataMustAnswerTheDescription() {
        // 3 nodes: K = 4 is more than the nodes; labels naming component 3 exceed K = 2
        String[] nodes = {"a", "a", "b", "b", "c", "c"};
        double[][] x = {{1}, {2}, {3}, {4}, {5}, {7}};
        double[] y = {1, 2, 2, 5, 1, 0};
        ArraySource data = DataSource.rows(nodes, x, y, List.of("x")).withLabels("known", new int[] {3, 0, 1});
        try (CpuBackend cpu = new CpuBackend(1)) {
            InvalidModelException e = refused(Reason.K_EXCEEDS_UNITS, () -> Cmlr.fit(data, ModelSpec.mixture(4), cpu));
            assertEquals(List.of("nodes", 3L), e.args().subList(1, 3));
            assertEquals(ExitCode.DATA_INSUFFICIENT, e.exitCode());
            refused(Reason.LABEL_EXCEEDS_K, () -> Cmlr.fit(data, mixture().labelsColumn("known").build(), cpu));
            refused(Reason.LABELS_COLUMN_MISSING, () -> Cmlr.fit(data, mixture().labelsColumn("other").build(), cpu));
            refused(Reason.TOO_FEW_ROWS, () -> Cmlr.fit(DataSource.rows(new String[] {"a"}, new double[][] {{1, 2}},
                    new double[] {1}, List.of("u", "v")), ModelSpec.mixture(1), cpu));
        }
    }

    @Test
    void messagesNameTheParametersAsTheCallerNamesThem() {
        InvalidModelException e = refused(Reason.SIGMA_REQUIRED, () -> ModelSpec.builder().model(ModelSpec.Model.SYMMETRIC).build());
        assertEquals("model symmetric needs the noise sd: give sigma", e.getMessage());
        assertEquals("<MODEL> symmetric needs the noise sd: give <SIGMA>", e.render(p -> "<" + p + ">"));
        assertTrue(refused(Reason.NOT_AT_LEAST, () -> mixture().maxIterations(-2).build()).getMessage()
                .startsWith("maxIterations must be >= 0"));
    }
}
