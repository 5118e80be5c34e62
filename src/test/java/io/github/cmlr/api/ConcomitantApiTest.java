package io.github.cmlr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.api.InvalidModelException.Param;
import io.github.cmlr.api.InvalidModelException.Reason;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.em.selection.GroupedFit;
import io.github.cmlr.predict.FittedModel;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --concomitant through the API: every refused description, bad covariates, and predict for new nodes. */
class ConcomitantApiTest {
    private static final String FORMULA = "normexam ~ standLRT | school";
    private static final String CONCOMITANT = "~ schavg + schgend";
    private static Path exam;
    private static ModelFit fit;

    @TempDir
    Path dir;

    @BeforeAll
    static void fitExam() {
        try {
            exam = Path.of(ConcomitantApiTest.class.getResource("/rdata/exam_school.csv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        fit = fitted(exam, ModelSpec.builder().k(2).starts(5).concomitant(CONCOMITANT).build());
    }

    private static ModelFit fitted(Path file, ModelSpec spec) {
        try (Backend cpu = Backends.open("cpu", 2)) {
            return Cmlr.fit(DataSource.csv(file, FORMULA), spec, cpu);
        }
    }

    @Test
    void refusedDescriptionsNameTheirReason() {
        InvalidModelException syntax = assertThrows(InvalidModelException.class,
                () -> ModelSpec.builder().concomitant("~ schavg +").build());
        assertEquals(Reason.CONCOMITANT_SYNTAX, syntax.reason());
        assertTrue(syntax.getMessage().contains("at character"), syntax.getMessage());
        assertEquals(Reason.CONCOMITANT_SYNTAX, assertThrows(InvalidModelException.class,
                () -> ModelSpec.builder().concomitant("~ z | g").build()).reason());
        assertEquals(Reason.CONCOMITANT_SYNTAX, assertThrows(InvalidModelException.class,
                () -> ModelSpec.builder().concomitant("y ~ z").build()).reason());
        assertExcludes(Param.MODEL, () -> ModelSpec.builder().model(ModelSpec.Model.SYMMETRIC).sigma(1.0).concomitant("~ z").build());
        assertExcludes(Param.FIXED_WEIGHTS, () -> ModelSpec.builder().k(2).fixedWeights(0.3, 0.7).concomitant("~ z").build());
        assertExcludes(Param.STANDARD_ERRORS, () -> ModelSpec.builder().standardErrors(GroupedFit.ErrorMethod.BOOTSTRAP)
                .concomitant("~ z").build());
        assertExcludes(Param.LRT_BOOTSTRAP, () -> ModelSpec.builder().k(1, 3).lrtBootstrap(19).concomitant("~ z").build());
    }

    private static void assertExcludes(Param p, org.junit.jupiter.api.function.Executable e) {
        InvalidModelException x = assertThrows(InvalidModelException.class, e);
        assertEquals(Reason.CONCOMITANT_EXCLUDES, x.reason());
        assertEquals(p, x.args().get(0));
    }

    @Test
    void inMemoryDataAreRefused() {
        ArraySource rows = DataSource.rows(new String[] {"a", "a", "b", "b"}, new double[][] {{1}, {2}, {3}, {4}},
                new double[] {1, 2, 3, 5}, List.of("x"));
        ModelSpec spec = ModelSpec.builder().k(1).concomitant("~ z").build();
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> Cmlr.fit(rows, spec));
        assertEquals(Reason.CONCOMITANT_NEEDS_FILE, e.reason());
    }

    @Test
    void aCovariateThatVariesWithinANodeNamesTheNodeAndTheColumn() {
        ModelSpec spec = ModelSpec.builder().k(2).starts(1).concomitant("~ standLRT").build();
        CmlrException e = assertThrows(CmlrException.class, () -> fitted(exam, spec));
        assertEquals(ExitCode.DATA_FORMAT, e.exitCode());
        assertTrue(e.getMessage().contains("line 3, column 3 ('standLRT')") && e.getMessage().contains("node '1'"), e.getMessage());
    }

    @Test
    void aMissingColumnOrValueIsADataError() throws IOException {
        CmlrException missing = assertThrows(CmlrException.class,
                () -> fitted(exam, ModelSpec.builder().k(2).starts(1).concomitant("~ nosuch").build()));
        assertEquals(ExitCode.DATA_FORMAT, missing.exitCode());
        assertTrue(missing.getMessage().contains("'nosuch'") && missing.getMessage().contains("--concomitant"), missing.getMessage());
        Path na = dir.resolve("na.csv");
        List<String> lines = Files.readAllLines(exam);
        List<String> out = new ArrayList<>();
        for (String l : lines) out.add(l.startsWith("\"2\",") ? l.replaceFirst(",\"(boys|girls|mixed)\"$", ",NA") : l);
        Files.write(na, out);
        CmlrException e = assertThrows(CmlrException.class,
                () -> fitted(na, ModelSpec.builder().k(2).starts(1).concomitant("~ schgend").build()));
        assertEquals(ExitCode.DATA_FORMAT, e.exitCode());
        assertTrue(e.getMessage().contains("'schgend'") && e.getMessage().contains("node '2'") && e.getMessage().contains("missing"),
                e.getMessage());
    }

    /** predict on the fitted nodes gives the fit's own posteriors: the node priors come from the model file. */
    @Test
    void predictOnTheFittedNodesReproducesTheFitsPosteriors() throws IOException {
        Path report = dir.resolve("fit.json");
        ReportJson.JSON.writeValue(report.toFile(), fit.toJson());
        FittedModel model = Cmlr.readModel(report);
        Cmlr.Prediction p = Cmlr.predict(model, exam);
        int k = fit.estimates().components();
        assertEquals(fit.posteriors().units(), p.data().nodes());
        for (int j = 0; j < p.data().nodes(); j++) {
            assertEquals(fit.posteriors().nodeIds().get(j), p.data().nodeIds().get(j));
            for (int c = 0; c < k; c++) {
                assertEquals(fit.posteriors().get(j, c), p.predictions().posterior()[j * k + c], 1e-9, "node " + j + " component " + c);
            }
        }
        assertEquals(List.of(), p.data().kept().names(), "the covariates are read, not carried through");
        // the compact model file (plain columns: intercept and standLRT, the same design) carries it too
        Path compact = dir.resolve("model.json");
        FittedModel columns = new FittedModel("school", "normexam", List.of("standLRT"), true, fit.estimates())
                .withConcomitant(model.concomitant());
        ReportJson.JSON.writeValue(compact.toFile(), columns.toJson(ReportJson.JSON));
        Cmlr.Prediction q = Cmlr.predict(Cmlr.readModel(compact), exam);
        for (int i = 0; i < p.predictions().posterior().length; i++) {
            assertEquals(p.predictions().posterior()[i], q.predictions().posterior()[i], 1e-12);
        }
    }

    /** Without the response the posterior is the node's prior, softmax(z^T gamma), which differs between schools. */
    @Test
    void withoutTheResponseTheNodesPriorsAreTheirLogit() throws IOException {
        Path data = dir.resolve("new.csv");
        Files.writeString(data, "school,standLRT,schavg,schgend\nA,0.1,-0.5,boys\nA,0.3,-0.5,boys\nB,0,0.4,mixed\n");
        Cmlr.Prediction p = Cmlr.predict(Cmlr.fittedModel(fit), data);
        ConcomitantFit c = fit.concomitantModel().orElseThrow();
        double[][] z = {{1, -0.5, 0, 0}, {1, 0.4, 0, 1}};
        for (int j = 0; j < 2; j++) {
            double eta = 0;
            for (int t = 0; t < 4; t++) eta += z[j][t] * c.coefficient(1, t);
            double p2 = Math.exp(eta) / (1 + Math.exp(eta));
            assertEquals(1 - p2, p.predictions().posterior()[2 * j], 1e-12);
            assertEquals(p2, p.predictions().posterior()[2 * j + 1], 1e-12);
        }
    }

    @Test
    void newNodesWithAnUnseenLevelOrAVaryingCovariateAreRefused() throws IOException {
        Path unseen = dir.resolve("unseen.csv");
        Files.writeString(unseen, "school,normexam,standLRT,schavg,schgend\nA,0.2,0.1,0.1,coed\n");
        CmlrException e = assertThrows(CmlrException.class, () -> Cmlr.predict(Cmlr.fittedModel(fit), unseen));
        assertEquals(ExitCode.DATA_FORMAT, e.exitCode());
        assertTrue(e.getMessage().contains("level 'coed'") && e.getMessage().contains("node 'A'"), e.getMessage());
        Path varying = dir.resolve("varying.csv");
        Files.writeString(varying, "school,normexam,standLRT,schavg,schgend\nA,0.2,0.1,0.1,boys\nA,0.3,0.2,0.2,boys\n");
        CmlrException v = assertThrows(CmlrException.class, () -> Cmlr.predict(Cmlr.fittedModel(fit), varying));
        assertEquals(ExitCode.DATA_FORMAT, v.exitCode());
        assertTrue(v.getMessage().contains("'schavg'") && v.getMessage().contains("node 'A'"), v.getMessage());
        Path lacking = dir.resolve("lacking.csv");
        Files.writeString(lacking, "school,normexam,standLRT,schavg\nA,0.2,0.1,0.1\n");
        assertEquals(ExitCode.DATA_FORMAT, assertThrows(CmlrException.class,
                () -> Cmlr.predict(Cmlr.fittedModel(fit), lacking)).exitCode());
    }

    /** Deterministic: the same data and seed give bitwise the same coefficients whatever the thread count. */
    @Test
    void threadCountDoesNotChangeTheCoefficients() {
        ModelSpec spec = ModelSpec.builder().k(2).starts(3).seed(7).concomitant(CONCOMITANT).build();
        ModelFit one;
        ModelFit four;
        try (Backend a = Backends.open("cpu", 1); Backend b = Backends.open("cpu", 4)) {
            one = Cmlr.fit(DataSource.csv(exam, FORMULA), spec, a);
            four = Cmlr.fit(DataSource.csv(exam, FORMULA), spec, b);
        }
        assertEquals(one.logLik(), four.logLik());
        assertTrue(java.util.Arrays.equals(one.concomitant().coefficients(), four.concomitant().coefficients()));
        assertTrue(java.util.Arrays.equals(one.concomitant().standardErrors(), four.concomitant().standardErrors()));
    }
}
