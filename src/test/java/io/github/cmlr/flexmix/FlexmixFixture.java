package io.github.cmlr.flexmix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flexmix parity fixture of src/test/resources/flexmix (made by make-fixtures.R there): the
 * data (node-major, the intercept as column 0 when the fixture has one), flexmix's estimates and
 * its refit() estimates and standard errors, mapped to cmlr's parameter order.
 */
public final class FlexmixFixture {
    public static final List<String> NAMES = List.of("k2_separate_intercept", "k3_separate_intercept",
            "k2_shared_intercept", "k2_separate_nointercept_small_nodes");

    public final String name;
    public final int components;
    public final boolean intercept;
    public final boolean sharedVariance;
    public final Dataset data;
    public final double flexmixLogLik;
    /** flexmix's EM estimates, its (non-ML) sigma squared as reported. */
    public final MixtureParams flexmixReported;
    /** The same with sigma corrected to the ML value. */
    public final MixtureParams flexmixMl;
    /** refit(): estimates and SEs in cmlr's free-parameter order (beta, log sigma, alpha). */
    public final double[] refitEstimate;
    public final double[] refitSe;
    public final JsonNode json;

    private FlexmixFixture(String name) {
        this.name = name;
        try {
            json = new ObjectMapper().readTree(open(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        components = json.get("K").asInt();
        intercept = json.get("intercept").asBoolean();
        sharedVariance = json.get("sharedVariance").asBoolean();
        data = readCsv(name + ".csv", intercept);
        JsonNode fx = json.get("flexmix");
        flexmixLogLik = fx.get("logLik").asDouble();
        flexmixReported = params(fx.get("components"), "sigma");
        flexmixMl = params(fx.get("components"), "sigmaML");
        JsonNode refit = fx.get("refit");
        int p = refit.get("se").size();
        refitEstimate = new double[p];
        refitSe = new double[p];
        mapRefit(refit);
    }

    public static FlexmixFixture load(String name) {
        return new FlexmixFixture(name);
    }

    public int dim() { return data.dim(); }

    /** The refit() estimate as mixture parameters (ML sigma, weights from the log-odds). */
    public MixtureParams refitParams() {
        int kk = components;
        int d = dim();
        double[] beta = new double[kk * d];
        System.arraycopy(refitEstimate, 0, beta, 0, kk * d);
        double[] s2 = new double[kk];
        for (int k = 0; k < kk; k++) {
            double eta = refitEstimate[kk * d + (sharedVariance ? 0 : k)];
            s2[k] = Math.exp(2 * eta);
        }
        int a0 = kk * d + (sharedVariance ? 1 : kk);
        double[] w = new double[kk];
        double sum = 0;
        for (int k = 0; k < kk; k++) {
            w[k] = k == 0 ? 1.0 : Math.exp(refitEstimate[a0 + k - 1]);
            sum += w[k];
        }
        for (int k = 0; k < kk; k++) w[k] /= sum;
        return new MixtureParams(d, beta, s2, w);
    }

    /** A fixture's components ("coef", "prior" and the named sigma) as parameters. */
    static MixtureParams params(JsonNode comps, String sigmaField) {
        int kk = comps.size();
        int d = comps.get(0).get("coef").size();
        double[] beta = new double[kk * d];
        double[] s2 = new double[kk];
        double[] w = new double[kk];
        for (int k = 0; k < kk; k++) {
            JsonNode c = comps.get(k);
            for (int i = 0; i < d; i++) beta[k * d + i] = c.get("coef").get(i).asDouble();
            double s = c.get(sigmaField).asDouble();
            s2[k] = s * s;
            w[k] = c.get("prior").asDouble();
        }
        return new MixtureParams(d, beta, s2, w);
    }

    /** flexmix names its refit parameters per component ("Comp.k_coef.x", "Comp.k_log(sigma)", "Comp.k.alpha"). */
    private void mapRefit(JsonNode refit) {
        int kk = components;
        int d = dim();
        int alpha0 = kk * d + (sharedVariance ? 1 : kk);
        int[] nextCoef = new int[kk];
        int sharedCoef = 0;
        for (int i = 0; i < refitSe.length; i++) {
            String n = refit.get("names").get(i).asText();
            int target;
            if (n.endsWith("alpha")) {
                target = alpha0 + componentOf(n) - 1;
            } else if (n.endsWith("log(sigma)")) {
                target = kk * d + (sharedVariance ? 0 : componentOf(n));
            } else if (n.contains("_Comp.")) {
                int k = componentOf(n);
                target = k * d + nextCoef[k]++;
            } else {
                target = sharedCoef++;
            }
            refitEstimate[target] = refit.get("estimate").get(i).asDouble();
            refitSe[target] = refit.get("se").get(i).asDouble();
        }
    }

    private static int componentOf(String name) {
        int at = name.indexOf("Comp.") + 5;
        int end = at;
        while (end < name.length() && Character.isDigit(name.charAt(end))) end++;
        return Integer.parseInt(name.substring(at, end)) - 1;
    }

    private static InputStream open(String file) {
        InputStream in = FlexmixFixture.class.getResourceAsStream("/flexmix/" + file);
        if (in == null) throw new IllegalStateException("missing test resource flexmix/" + file);
        return in;
    }

    /** Reads node,y,x1..xp (rows of a node contiguous in the file), prepending a ones column if asked. */
    public static Dataset readCsv(String file, boolean intercept) {
        Map<String, List<double[]>> byNode = new LinkedHashMap<>();
        int p = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            p = header.split(",").length - 2;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                double[] row = new double[p + 1];
                for (int i = 0; i <= p; i++) row[i] = Double.parseDouble(f[i + 1]);
                byNode.computeIfAbsent(f[0], k -> new ArrayList<>()).add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int d = p + (intercept ? 1 : 0);
        int rows = byNode.values().stream().mapToInt(List::size).sum();
        int[] off = new int[byNode.size() + 1];
        double[] x = new double[rows * d];
        double[] y = new double[rows];
        String[] ids = new String[byNode.size()];
        int j = 0;
        int row = 0;
        for (Map.Entry<String, List<double[]>> e : byNode.entrySet()) {
            ids[j] = e.getKey();
            for (double[] v : e.getValue()) {
                y[row] = v[0];
                int c = 0;
                if (intercept) x[row * d + c++] = 1.0;
                for (int i = 1; i <= p; i++) x[row * d + c++] = v[i];
                row++;
            }
            off[++j] = row;
        }
        return new Dataset(d, off, x, y, ids, null);
    }

    /** Per-node statistics by the plain definition (a test-side reference, independent of any backend). */
    public static NodeStats stats(Dataset data) {
        int m = data.nodes();
        int d = data.dim();
        double[] n = new double[m];
        double[] g = new double[m * d * d];
        double[] s = new double[m * d];
        double[] q = new double[m];
        String[] ids = new String[m];
        for (int j = 0; j < m; j++) {
            ids[j] = data.nodeId(j);
            n[j] = data.nodeSize(j);
            for (int r = data.nodeOffset(j); r < data.nodeOffset(j + 1); r++) {
                double yr = data.y()[r];
                q[j] += yr * yr;
                for (int a = 0; a < d; a++) {
                    double xa = data.x()[r * d + a];
                    s[j * d + a] += xa * yr;
                    for (int b = 0; b < d; b++) g[j * d * d + a * d + b] += xa * data.x()[r * d + b];
                }
            }
        }
        return new NodeStats(d, n, g, s, q, ids);
    }

    public NodeStats stats() {
        return stats(data);
    }
}
