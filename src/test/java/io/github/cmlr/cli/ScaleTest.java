package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue class 1, scale: data whose squares overflow or underflow (features of 1e198 or 1e-205)
 * are fitted on internally rescaled data and reported in their own units, equal to the fit of
 * the same data at a moderate scale mapped into those units; what cannot be fitted (a response
 * that is 0 everywhere, a single huge value among ordinary ones, a sigma whose square is not a
 * double) is a documented error naming the column or option.
 */
class ScaleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOL = 1e-6;
    private static final int NODES = 60;
    private static final int ROWS = 8;

    @TempDir
    Path dir;

    /** Two components, y = +-(2 x1 - x2) + 0.3 noise, written with x scaled by 2^ex and y by 2^ey (exact). */
    private Path data(String name, int ex, int ey, boolean symmetric) throws IOException {
        SplittableRandom rng = new SplittableRandom(17);
        StringBuilder b = new StringBuilder("node,y,x1,x2\n");
        for (int j = 0; j < NODES; j++) {
            double sign = j % 2 == 0 ? 1 : -1;
            for (int i = 0; i < ROWS; i++) {
                double x1 = rng.nextGaussian();
                double x2 = rng.nextGaussian();
                double y = symmetric ? sign * (2 * x1 - x2) + 0.3 * rng.nextGaussian()
                        : (j % 2 == 0 ? 2 * x1 - x2 : -x1 + 0.5 * x2) + (j % 2 == 0 ? 0.3 : 0.6) * rng.nextGaussian();
                b.append('n').append(j).append(',').append(Math.scalb(y, ey)).append(',').append(Math.scalb(x1, ex)).append(',')
                        .append(Math.scalb(x2, ex)).append('\n');
            }
        }
        Path f = dir.resolve(name);
        Files.writeString(f, b.toString());
        return f;
    }

    private JsonNode fit(Path data, String... extra) throws IOException {
        Path out = dir.resolve(data.getFileName() + ".json");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fit", data.toString(), "--backend", "cpu",
                "--quiet", "--seed", "1", "--out", out.toString()));
        args.addAll(java.util.List.of(extra));
        FitCliHarness.Result r = FitCliHarness.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(out.toFile());
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.abs(expected), what);
    }

    /** The component of the hostile fit that matches component c of the reference (labels may swap). */
    private static JsonNode match(JsonNode comps, JsonNode ref, double factor) {
        JsonNode best = null;
        double bestDist = Double.POSITIVE_INFINITY;
        for (JsonNode c : comps) {
            double dist = Math.abs(c.at("/coefficients/x1").asDouble() / factor - ref.at("/coefficients/x1").asDouble());
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best;
    }

    @Test
    void mixturesOfHugeOrTinyValuesAreTheModerateFitInTheirOwnUnits() throws IOException {
        JsonNode ref = fit(data("moderate.csv", 0, 0, false), "--k", "2", "--starts", "3");
        int rows = NODES * ROWS;
        for (int[] e : new int[][] {{660, 400}, {-680, -400}}) {
            JsonNode h = fit(data("hostile" + e[0] + ".csv", e[0], e[1], false), "--k", "2", "--starts", "3");
            double beta = Math.scalb(1.0, e[1] - e[0]);
            for (JsonNode rc : ref.at("/estimates/components")) {
                JsonNode hc = match(h.at("/estimates/components"), rc, beta);
                for (String x : new String[] {"x1", "x2"}) {
                    close(rc.at("/coefficients/" + x).asDouble() * beta, hc.at("/coefficients/" + x).asDouble(), x + " " + e[0]);
                }
                close(rc.get("variance").asDouble() * Math.scalb(1.0, 2 * e[1]), hc.get("variance").asDouble(), "variance");
                close(rc.get("weight").asDouble(), hc.get("weight").asDouble(), "weight");
            }
            close(ref.at("/fit/logLikelihood").asDouble() - rows * e[1] * Math.log(2), h.at("/fit/logLikelihood").asDouble(), "logLik");
            assertTrue(h.get("warnings").toString().contains("rescaled by powers of two"), h.get("warnings").toString());
            assertEquals(null, io.github.cmlr.util.JsonNumbers.firstUnclean(h, ""), "no NaN or null in the report");
        }
    }

    @Test
    void theSymmetricModelOnFeaturesOfAbout1e180() throws IOException {
        JsonNode ref = fit(data("sym.csv", 0, 0, true), "--model", "symmetric", "--sigma", "0.3");
        JsonNode h = fit(data("sym-big.csv", 600, 0, true), "--model", "symmetric", "--sigma", "0.3");
        double factor = Math.scalb(1.0, -600);
        double sign = Math.signum(ref.at("/estimates/theta/x1").asDouble() * h.at("/estimates/theta/x1").asDouble());
        for (String x : new String[] {"x1", "x2"}) {
            close(ref.at("/estimates/theta/" + x).asDouble() * factor, sign * h.at("/estimates/theta/" + x).asDouble(), x);
        }
        close(ref.at("/fit/logLikelihood").asDouble(), h.at("/fit/logLikelihood").asDouble(), "logLik");
    }

    private FitCliHarness.Result fails(Path data, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fit", data.toString(), "--backend", "cpu",
                "--quiet", "--out", dir.resolve("r.json").toString()));
        args.addAll(java.util.List.of(extra));
        FitCliHarness.Result r = FitCliHarness.run(args.toArray(new String[0]));
        assertTrue(!Files.exists(dir.resolve("r.json")), "no report");
        return r;
    }

    @Test
    void whatCannotBeFittedIsADocumentedError() throws IOException {
        Path zeros = dir.resolve("zeros.csv");
        Files.writeString(zeros, "node,y,x1\na,0,1\na,0,2\nb,0,3\nb,0,1\nc,0,2\n");
        FitCliHarness.Result z = fails(zeros);
        assertEquals(ExitCode.DATA_INSUFFICIENT.code(), z.code(), z.err());
        assertTrue(z.err().contains(zeros + ": the response column 'y' is 0 on every row"), z.err());

        Path outlier = dir.resolve("outlier.csv");
        Files.writeString(outlier, "node,y,x1\na,1,1\na,1e200,2\nb,2,3\nb,1,1\nc,3,2\n");
        FitCliHarness.Result o = fails(outlier);
        assertEquals(ExitCode.DATA_FORMAT.code(), o.code(), o.err());
        assertTrue(o.err().contains(outlier + ": line 3, column 2 ('y'): value '1e200' is too large"), o.err());

        Path ok = data("ok.csv", 0, 0, true);
        for (String sigma : new String[] {"1e-300", "1e300"}) {
            FitCliHarness.Result s = fails(ok, "--model", "symmetric", "--sigma", sigma);
            assertEquals(ExitCode.USAGE.code(), s.code(), s.err());
            assertTrue(s.err().contains("--sigma must be finite and > 0 with a square inside the double range"), s.err());
        }
        FitCliHarness.Result off = fails(data("off.csv", 600, 600, true), "--model", "symmetric", "--sigma", "1e-150");
        assertEquals(ExitCode.USAGE.code(), off.code(), off.err());
        assertTrue(off.err().contains("--sigma 1.0E-150 is out of scale with the response"), off.err());
    }
}
