package io.github.cmlr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.IterationRecord;
import io.github.cmlr.model.MixtureParams;
import java.util.List;
import java.util.Locale;

/**
 * Builds the JSON report of a fit: input, model and options, estimates with column names,
 * log-likelihood, parameter count, AIC, BIC, iterations, stop reason, warnings, trace, starts,
 * backend, timings and version. Sections are separate methods so that later features (model
 * selection over K, standard errors) can add their own.
 */
final class FitReport {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FitReport() {}

    static ObjectNode build(FitSettings s, FitInput in, FitOutcome out, String backend, long totalNanos) {
        ObjectNode root = JSON.createObjectNode();
        root.put("cmlr", VersionInfo.version());
        root.put("command", "fit");
        root.set("input", input(in));
        root.set("model", model(s));
        root.set("estimates", estimates(s, in, out.best().params()));
        root.set("fit", fitSummary(out, in.rows()));
        root.set("starts", starts(s, out));
        ArrayNode warnings = root.putArray("warnings");
        out.best().warnings().forEach(warnings::add);
        root.set("trace", trace(out.best().trace()));
        root.put("backend", backend);
        root.set("timings", timings(in, out, totalNanos));
        return root;
    }

    static ObjectNode input(FitInput in) {
        ObjectNode n = JSON.createObjectNode();
        n.put("file", in.info().file());
        n.put("rows", in.rows());
        n.put("nodes", in.info().nodeCount());
        n.put("bytes", in.info().bytes());
        ObjectNode cols = n.putObject("columns");
        cols.put("node", in.info().columns().header().get(in.info().columns().node()));
        cols.put("response", in.info().columns().header().get(in.info().columns().response()));
        ArrayNode features = cols.putArray("features");
        in.info().featureNames().forEach(features::add);
        return n;
    }

    static ObjectNode model(FitSettings s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("model", lower(s.model()));
        n.put("algorithm", lower(s.algorithm()));
        n.put("k", s.symmetric() ? 2 : s.k());
        n.put("intercept", s.csv().intercept());
        putNumber(n, "knownSigma", s.sigma() == null ? Double.NaN : s.sigma());
        n.put("sharedVariance", s.symmetric() || s.sharedVariance());
        n.put("init", s.symmetric() ? lower(s.symmetricInit()) : lower(s.init()));
        n.put("degeneracy", lower(s.degeneracy()));
        n.put("maxIterations", s.rule().maxIterations());
        n.put("tolParam", s.rule().relParamTol());
        n.put("tolLogLik", s.rule().relLogLikTol());
        return n;
    }

    static ObjectNode estimates(FitSettings s, FitInput in, MixtureParams p) {
        ObjectNode n = JSON.createObjectNode();
        List<String> names = in.info().featureNames();
        if (s.symmetric()) {
            n.set("theta", coefficients(names, p.beta(0)));
            n.put("sigma", s.sigma());
            n.put("note", "theta is identified up to sign: y = xi_j <x, theta> + noise, xi_j = +1 or -1 per node");
            return n;
        }
        ArrayNode comps = n.putArray("components");
        for (int c = 0; c < p.components(); c++) {
            ObjectNode comp = comps.addObject();
            comp.put("component", c + 1);
            putNumber(comp, "weight", p.weight(c));
            putNumber(comp, "variance", p.sigma2(c));
            putNumber(comp, "sigma", Math.sqrt(p.sigma2(c)));
            comp.set("coefficients", coefficients(names, p.beta(c)));
        }
        return n;
    }

    static ObjectNode fitSummary(FitOutcome out, long rows) {
        FitResult r = out.best();
        ObjectNode n = JSON.createObjectNode();
        putNumber(n, "logLikelihood", out.logLik());
        n.put("parameters", out.parameters());
        n.put("observations", rows);
        putNumber(n, "aic", 2.0 * out.parameters() - 2 * out.logLik());
        putNumber(n, "bic", out.parameters() * Math.log(rows) - 2 * out.logLik());
        n.put("iterations", r.iterations());
        n.put("converged", r.converged());
        n.put("stopReason", lower(r.reason()));
        return n;
    }

    static ObjectNode starts(FitSettings s, FitOutcome out) {
        ObjectNode n = JSON.createObjectNode();
        n.put("requested", s.starts());
        n.put("seed", s.seed());
        n.put("reachedBest", out.startsAtBest());
        ArrayNode lls = n.putArray("logLikelihoods");
        for (double l : out.startLogLiks()) addNumber(lls, l);
        ArrayNode kinds = n.putArray("kinds");
        if (out.startKinds() != null) for (String k : out.startKinds()) kinds.add(k);
        return n;
    }

    static ArrayNode trace(List<IterationRecord> trace) {
        ArrayNode a = JSON.createArrayNode();
        for (IterationRecord rec : trace) {
            ObjectNode t = a.addObject();
            t.put("iteration", rec.iteration());
            putNumber(t, "logLik", rec.logLik());
            putNumber(t, "paramChange", rec.paramChange());
        }
        return a;
    }

    static ObjectNode timings(FitInput in, FitOutcome out, long totalNanos) {
        ObjectNode n = JSON.createObjectNode();
        n.put("readSeconds", in.readNanos() / 1e9);
        n.put("statisticsSeconds", in.statsNanos() / 1e9);
        n.put("emSeconds", out.emNanos() / 1e9);
        n.put("totalSeconds", totalNanos / 1e9);
        n.put("readRowsPerSecond", in.info().rowsPerSecond());
        n.put("readMegabytesPerSecond", in.info().megabytesPerSecond());
        n.put("streamedStatistics", in.dataset() == null);
        return n;
    }

    static ObjectNode coefficients(List<String> names, double[] beta) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < beta.length; i++) putNumber(n, names.get(i), beta[i]);
        return n;
    }

    /** JSON has no NaN or infinity: such values become null. */
    static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v);
        else n.putNull(key);
    }

    static void addNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) a.add(v);
        else a.addNull();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
