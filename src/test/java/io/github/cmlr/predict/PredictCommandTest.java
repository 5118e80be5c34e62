package io.github.cmlr.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.cli.Main;
import io.github.cmlr.model.MixtureParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PredictCommandTest {
    @TempDir
    Path dir;

    private final MixtureParams params =
            new MixtureParams(3, new double[] {1, 2, -1, -1, -0.5, 1.5}, new double[] {0.25, 1.0}, new double[] {0.4, 0.6});

    private Path writeModel() throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode report = om.createObjectNode();
        report.put("command", "fit");
        report.set("model", new FittedModel("g", "resp", List.of("a", "b"), true, params).toJson(om));
        Path p = dir.resolve("report.json");
        om.writeValue(p.toFile(), report);
        return p;
    }

    private int run(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void roundTripThroughTheCommandLine() throws IOException {
        Path model = writeModel();
        Path data = dir.resolve("new.csv");
        // columns in another order, an extra column, interleaved nodes, one single-row node
        Files.writeString(data, "b,extra,g,resp,a\n1.5,9,n1,-2.1,0.3\n-0.2,9,n2,0.9,1.1\n0.7,9,n1,-0.4,-0.8\n0.1,9,solo,3.0,0.2\n");
        Path out = dir.resolve("pred.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "predict", "--model", model.toString(), "--data", data.toString(), "--out", out.toString()),
                err.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals("node,row,component,p1,p2,yhat,yhat1,yhat2", lines.get(0));
        assertEquals(5, lines.size());
        Map<String, String> postByNode = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            String post = c[3] + "," + c[4];
            assertEquals(postByNode.getOrDefault(c[0], post), post, "posterior constant within node " + c[0]);
            postByNode.put(c[0], post);
            double p1 = Double.parseDouble(c[3]);
            double p2 = Double.parseDouble(c[4]);
            assertEquals(1.0, p1 + p2, 1e-12);
            assertEquals(p1 >= p2 ? "1" : "2", c[2]);
            double mean = p1 * Double.parseDouble(c[6]) + p2 * Double.parseDouble(c[7]);
            assertEquals(mean, Double.parseDouble(c[5]), 1e-12);
        }
        // row 1: x = (1, a=0.3, b=1.5): component 1 predicts 1 + 0.6 - 1.5
        assertEquals(0.1, Double.parseDouble(lines.get(1).split(",")[6]), 1e-12);
        assertEquals(3, postByNode.size());
    }

    /** New data without the response column: the posteriors are the fitted weights, rows stay in file order. */
    @Test
    void dataWithoutResponseGetsThePriorWeights() throws IOException {
        Path model = writeModel();
        Path data = dir.resolve("noresp.csv");
        Files.writeString(data, "g,a,b\nn2,0.3,1.5\nn1,1.1,-0.2\nn2,0.2,0.1\n");
        Path out = dir.resolve("noresp-pred.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "predict", "--model", model.toString(), "--data", data.toString(), "--out", out.toString()),
                err.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        String[] nodes = {"n2", "n1", "n2"};
        for (int r = 1; r <= 3; r++) {
            String[] c = lines.get(r).split(",");
            assertEquals(nodes[r - 1], c[0]);
            assertEquals(Integer.toString(r), c[1]);
            assertEquals(params.weight(0), Double.parseDouble(c[3]), 0.0);
            assertEquals(params.weight(1), Double.parseDouble(c[4]), 0.0);
        }
        // row 1: x = (1, a=0.3, b=1.5): component 1 predicts 1 + 0.6 - 1.5
        assertEquals(0.1, Double.parseDouble(lines.get(1).split(",")[6]), 1e-12);
    }

    @Test
    void missingFeatureColumnIsADataErrorNamingFileAndColumn() throws IOException {
        Path model = writeModel();
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, "g,resp,a\nn1,1,2\n");
        Path out = dir.resolve("pred.csv");
        StringWriter err = new StringWriter();
        assertEquals(3, run(err, "predict", "--model", model.toString(), "--data", data.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("bad.csv: line 1") && err.toString().contains("'b'")
                && err.toString().contains("fitted model"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void nonNumericCellNamesLineAndColumn() throws IOException {
        Path model = writeModel();
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, "g,resp,a,b\nn1,1,2,3\nn1,1,x,3\n");
        StringWriter err = new StringWriter();
        assertEquals(3, run(err, "predict", "--model", model.toString(), "--data", data.toString(), "--out",
                dir.resolve("p.csv").toString()));
        assertTrue(err.toString().contains("bad.csv: line 3, column 3 ('a')"), err.toString());
    }

    /** The report of 'cmlr fit' (input.columns, model.intercept, estimates.components keyed by name). */
    @Test
    void readsTheFitReportFormat() throws IOException {
        Path report = dir.resolve("fit.json");
        Files.writeString(report, """
                {"command": "fit",
                 "input": {"columns": {"node": "g", "response": "resp", "features": ["(intercept)", "a", "b"]}},
                 "model": {"model": "mixture", "k": 2, "intercept": true},
                 "estimates": {"components": [
                   {"component": 1, "weight": 0.4, "variance": 0.25, "sigma": 0.5,
                    "coefficients": {"(intercept)": 1, "b": -1, "a": 2}},
                   {"component": 2, "weight": 0.6, "variance": 1.0, "sigma": 1.0,
                    "coefficients": {"(intercept)": -1, "a": -0.5, "b": 1.5}}]}}
                """);
        FittedModel m = FittedModel.read(report);
        assertEquals(List.of("a", "b"), m.features());
        assertTrue(m.intercept());
        assertEquals("g", m.nodeColumn());
        assertEquals("resp", m.response());
        assertEquals(0.0, m.params().maxAbsDiff(params));
    }

    @Test
    void missingModelFileIsAnIoError() {
        StringWriter err = new StringWriter();
        assertEquals(5, run(err, "predict", "--model", dir.resolve("none.json").toString(), "--data", "x.csv", "--out", "y.csv"));
        assertTrue(err.toString().contains("none.json"), err.toString());
    }

    @Test
    void malformedModelIsASpecError() throws IOException {
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"model\": {\"features\": [\"a\"], \"intercept\": false, \"components\": [{\"weight\": 1, \"sigma2\": -1, \"beta\": [1]}]}}");
        StringWriter err = new StringWriter();
        assertEquals(6, run(err, "predict", "--model", model.toString(), "--data", "x.csv", "--out", "y.csv"));
        assertTrue(err.toString().contains("sigma2 must be > 0"), err.toString());
    }
}
