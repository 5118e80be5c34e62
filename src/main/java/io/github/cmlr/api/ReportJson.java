package io.github.cmlr.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.em.IterationRecord;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.em.inference.ZTest;
import io.github.cmlr.em.selection.BootstrapLrt;
import io.github.cmlr.em.selection.ModelSelection;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.BuildInfo;
import io.github.cmlr.util.JsonNumbers;
import java.util.List;
import java.util.Locale;

/**
 * The JSON report of a fit: input, model and options, estimates with coefficient names,
 * log-likelihood, parameter count, AIC, BIC, iterations, stop reason, warnings, trace, starts,
 * backend, timings, version; for grouped mixtures the selection over K and standard errors.
 * JSON has no NaN or infinity, and a bare null says nothing: a value that does not exist is left
 * out with a {@code <field>Reason} beside it ({@link JsonNumbers}); the finished report is checked.
 */
public final class ReportJson {
    /** The mapper every report is written with (indented). */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {}

    static ObjectNode build(ModelFit f) {
        ObjectNode root = JSON.createObjectNode();
        root.put("cmlr", BuildInfo.version());
        root.put("command", "fit");
        root.set("input", input(f.data()));
        root.set("model", model(f.spec(), f.data()));
        root.set("estimates", estimates(f));
        root.set("fit", fitSummary(f));
        root.set("starts", starts(f.starts(), f.data().nodes()));
        ArrayNode warnings = root.putArray("warnings");
        f.warnings().forEach(warnings::add);
        root.set("trace", trace(f.trace()));
        root.put("backend", f.backend());
        root.set("timings", timings(f));
        if (f.selection() != null) {
            ObjectNode selection = selection(f.selection());
            if (f.lrt() != null) selection.set("lrt", lrt(f.lrt(), f.selection().chosenK()));
            root.set("selection", selection);
        }
        if (f.errors() != null) root.set("standardErrors", standardErrors(f.errors(), f.estimates(), f.coefficientNames()));
        if (f.errors() != null) SharedReport.errors((ObjectNode) root.get("standardErrors"), f.errors(), f);
        if (f.concomitant() != null) root.set("concomitant", ConcomitantReport.json(f.concomitant()));
        JsonNumbers.requireClean(root, "the fit report");
        return root;
    }

    static ObjectNode input(DataSummary d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("file", d.source());
        n.put("rows", d.rows());
        n.put("nodes", d.nodes());
        n.put("bytes", d.bytes());
        ObjectNode cols = n.putObject("columns");
        if (d.nodeColumn() != null) cols.put("node", d.nodeColumn());
        else cols.put("nodeReason", "ungrouped: no node column, every data row is its own node");
        cols.put("response", d.responseColumn());
        ArrayNode features = cols.putArray("features");
        d.coefficients().forEach(features::add);
        if (d.separator() != 0) n.put("separator", String.valueOf(d.separator()));
        if (d.formula() != null) {
            n.put("formula", d.formula());
            ObjectNode levels = n.putObject("levels");
            d.levels().forEach((v, l) -> {
                ArrayNode a = levels.putArray(v);
                l.forEach(a::add);
            });
        }
        SharedReport.input(n, d);
        n.put("droppedRows", d.droppedRows());
        ObjectNode dropped = n.putObject("droppedByColumn");
        d.droppedByColumn().forEach(dropped::put);
        return n;
    }

    static ObjectNode model(ModelSpec s, DataSummary d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("model", lower(s.model()));
        n.put("algorithm", lower(s.algorithm()));
        n.put("k", s.symmetric() ? 2 : s.k().max());
        n.put("intercept", d.intercept());
        JsonNumbers.put(n, "knownSigma", s.sigma() == null ? Double.NaN : s.sigma(), JsonNumbers.Style.CAMEL,
                "no known sigma: the variances are estimated");
        n.put("sharedVariance", s.symmetric() || s.sharedVariance());
        n.put("init", lower(s.symmetric() ? s.init().resolved() : s.init()));
        n.put("degeneracy", lower(s.degeneracy()));
        n.put("minVarianceRatio", s.minVarianceRatio());
        n.put("minRowsPerParameter", s.minRowsPerParameter());
        n.put("minWeight", s.minWeight());
        n.put("maxIterations", s.stopping().maxIterations());
        n.put("tolParam", s.stopping().relParamTol());
        n.put("tolLogLik", s.stopping().relLogLikTol());
        n.put("acceleration", s.accelerated() && !s.symmetric() ? "squarem" : "none");
        return n;
    }

    static ObjectNode estimates(ModelFit f) {
        ObjectNode n = JSON.createObjectNode();
        List<String> names = f.coefficientNames();
        MixtureParams p = f.estimates();
        if (f.spec().symmetric()) {
            n.set("theta", coefficients(names, p.beta(0)));
            n.put("sigma", f.spec().sigma());
            n.put("note", "theta is identified up to sign: y = xi_j <x, theta> + noise, xi_j = +1 or -1 per node");
            return n;
        }
        SharedReport.estimates(n, f);
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

    static ObjectNode fitSummary(ModelFit f) {
        ObjectNode n = JSON.createObjectNode();
        putNumber(n, "logLikelihood", f.logLik());
        n.put("parameters", f.parameters());
        n.put("observations", f.observations());
        putNumber(n, "aic", f.aic());
        putNumber(n, "bic", f.bic());
        putNumber(n, "icl", f.icl());
        n.put("iterations", f.iterations());
        n.put("converged", f.converged());
        n.put("stopReason", lower(f.stopReason()));
        return n;
    }

    static ObjectNode starts(ModelFit.StartSummary s, int nodes) {
        ObjectNode n = JSON.createObjectNode();
        n.put("requested", s.requested());
        n.put("seed", s.seed());
        n.put("reachedBest", s.reachedBest());
        n.put("candidates", s.candidates());
        n.put("shortIterations", s.candidates() > 0 ? MultiStart.SHORT_ITERATIONS : 0);
        if (s.candidates() > 0) n.put("screenedNodes", s.screenedNodes());
        n.put("strategy", s.candidates() > 0 ? "short-EM: every candidate runs up to " + MultiStart.SHORT_ITERATIONS
                + " EM steps (fewer once converged)" + subsample(s, nodes) + "; the best 'requested' of them run to convergence"
                : "every start runs to convergence");
        ArrayNode lls = n.putArray("logLikelihoods");
        for (double l : s.logLiks()) JsonNumbers.add(lls, l, "this start failed (see kinds)");
        ArrayNode kinds = n.putArray("kinds");
        s.kinds().forEach(kinds::add);
        return n;
    }

    /** How the screen's nodes were chosen, when they were a subsample of the data's. */
    private static String subsample(ModelFit.StartSummary s, int nodes) {
        if (s.screenedNodes() <= 0 || s.screenedNodes() >= nodes) return "";
        return " on a random subsample of " + s.screenedNodes() + " of the " + nodes + " nodes";
    }

    static ArrayNode trace(List<IterationRecord> trace) {
        ArrayNode a = JSON.createArrayNode();
        for (IterationRecord rec : trace) {
            ObjectNode t = a.addObject();
            t.put("iteration", rec.iteration());
            putNumber(t, "logLik", rec.logLik());
            JsonNumbers.put(t, "paramChange", rec.paramChange(), JsonNumbers.Style.CAMEL,
                    rec.iteration() == 0 ? "iteration 0 is the start: no change yet" : NOT_FINITE);
        }
        return a;
    }

    static ObjectNode timings(ModelFit f) {
        ModelFit.Timings t = f.timings();
        ObjectNode n = JSON.createObjectNode();
        n.put("readSeconds", t.readNanos() / 1e9);
        n.put("statisticsSeconds", t.statisticsNanos() / 1e9);
        n.put("emSeconds", t.emNanos() / 1e9);
        n.put("totalSeconds", t.totalNanos() / 1e9);
        String noRead = "no reading time: the data were in memory";
        JsonNumbers.put(n, "readRowsPerSecond", f.data().rowsPerSecond(), JsonNumbers.Style.CAMEL, noRead);
        JsonNumbers.put(n, "readMegabytesPerSecond", f.data().megabytesPerSecond(), JsonNumbers.Style.CAMEL, noRead);
        n.put("streamedStatistics", t.streamed());
        if (f.lrt() != null) n.put("lrtSeconds", f.lrt().nanos() / 1e9);
        return n;
    }

    /** One row per K: components kept, log-likelihood, parameters, AIC, BIC, ICL, entropy, starts, chosen. */
    static ObjectNode selection(ModelSelection.Result r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("criterion", lower(r.criterion()));
        n.put("chosenK", r.chosenK());
        String warning = r.warning();
        if (warning != null) n.put("warning", warning);
        n.put("iclConvention", "ICL = BIC + 2 * entropy of the per-node posteriors; BIC uses the number of rows");
        ArrayNode table = n.putArray("table");
        for (ModelSelection.KFit f : r.fits()) {
            ObjectNode row = table.addObject();
            row.put("k", f.k());
            row.put("componentsKept", f.components());
            putNumber(row, "logLikelihood", f.logLik());
            row.put("parameters", f.freeParams());
            putNumber(row, "aic", f.aic());
            putNumber(row, "bic", f.bic());
            putNumber(row, "icl", f.icl());
            putNumber(row, "entropy", f.entropy());
            row.put("starts", f.fit().allLogLiks().length);
            row.put("startsAtBest", f.fit().startsAtBest());
            row.put("chosen", f.k() == r.chosenK());
            row.put("flagged", f.flagged());
            ArrayNode warnings = row.putArray("warnings");
            f.fit().best().warnings().forEach(warnings::add);
            String trust = MultiStart.trustWarning(f.fit());
            if (trust != null) warnings.add(trust);
            f.suspects().forEach(warnings::add);
        }
        return n;
    }

    /** The bootstrap likelihood-ratio tests: method, stopping rule, replicates, seed, one entry per test, the choice. */
    static ObjectNode lrt(BootstrapLrt.Result r, int criterionK) {
        ObjectNode n = JSON.createObjectNode();
        n.put("method", "parametric bootstrap of 2 (l_{K+1} - l_K): each replicate simulates the per-node statistics of"
                + " the fitted K model (same nodes and designs), refits K and K+1 (EM from the fitted parameters and "
                + BootstrapLrt.REFIT_STARTS + " short-EM multi-starts, the best kept); p = (1 + #{replicate statistic >="
                + " observed}) / (replicatesUsed + 1); a replicate whose refit failed is left out and counted");
        n.put("rule", "K against K+1 from the smallest K of the range up, stopping at the first p > " + BootstrapLrt.LEVEL
                + " (as mixtools' boot.comp); chosenK is that K, or the largest K when every test rejects");
        n.put("level", BootstrapLrt.LEVEL);
        n.put("replicates", r.replicates());
        n.put("seed", r.seed());
        n.put("chosenK", r.chosenK());
        n.put("agreesWithCriterion", r.chosenK() == criterionK);
        ArrayNode tests = n.putArray("tests");
        for (BootstrapLrt.Pair p : r.pairs()) {
            ObjectNode t = tests.addObject();
            t.put("k", p.k());
            t.put("kPlus1", p.kPlus1());
            putNumber(t, "statistic", p.statistic());
            putNumber(t, "pValue", p.pValue());
            putNumber(t, "criticalValue", p.criticalValue());
            t.put("replicatesUsed", p.replicatesUsed());
            t.put("replicatesFailed", p.replicatesFailed());
            t.put("rejected", p.rejects());
        }
        return n;
    }

    /**
     * Per component, keyed like the estimates, with z = estimate / SE and its two-sided normal
     * p-value beside each coefficient; for bootstrap errors the replicates, the seed, the analytic
     * errors of the same fit and their comparison.
     */
    static ObjectNode standardErrors(StandardErrors se, MixtureParams estimates, List<String> names) {
        ObjectNode n = JSON.createObjectNode();
        n.put("method", se.method());
        n.put("description", se.description());
        StandardErrors.Bootstrap b = se.bootstrap();
        if (b != null) {
            n.put("replicates", b.replicates());
            n.put("replicatesUsed", b.used());
            n.put("seed", b.seed());
        }
        n.put("available", se.available());
        ArrayNode warnings = n.putArray("warnings");
        se.warnings().forEach(warnings::add);
        if (b != null) b.comparison().forEach(warnings::add);
        if (!se.available()) return n;
        n.put("parameterisation", parameterisation(se.layout()));
        n.put("tests", "z = coefficient / standard error, p = two-sided normal P(|Z| >= |z|) for coefficient = 0");
        n.set("components", errorComponents(se, estimates, names, true));
        if (b != null && b.analytic() != null && b.analytic().available()) {
            ObjectNode a = n.putObject("analytic");
            a.put("description", b.analytic().description());
            a.set("components", errorComponents(b.analytic(), estimates, names, false));
        }
        return n;
    }

    /** What the covariance is taken over: the weights' parameters are gamma_k with a concomitant model. */
    static String parameterisation(io.github.cmlr.em.inference.ParameterLayout layout) {
        String weights = layout.priorTerms() > 1
                ? "gamma_k of the concomitant model (log(pi_k/pi_1) = z'gamma_k)" : "log(pi_k/pi_1)";
        return "covariance of (beta, log sigma, " + weights + "); sigma^2 and weights by the delta method";
    }

    private static ArrayNode errorComponents(StandardErrors se, MixtureParams estimates, List<String> names, boolean tests) {
        ArrayNode comps = JSON.createArrayNode();
        int d = names.size();
        for (int k = 0; k < se.layout().components(); k++) {
            ObjectNode c = comps.addObject();
            c.put("component", k + 1);
            putError(c, "weight", se.weights()[k]);
            putError(c, "variance", se.sigma2()[k]);
            putError(c, "logSigma", se.logSigma()[k]);
            ObjectNode coef = c.putObject("coefficients");
            for (int i = 0; i < d; i++) putError(coef, names.get(i), se.beta()[k * d + i]);
            if (!tests) continue;
            ObjectNode z = c.putObject("z");
            ObjectNode p = c.putObject("p");
            for (int i = 0; i < d; i++) {
                double zi = ZTest.z(estimates.beta(k, i), se.beta()[k * d + i]);
                putError(z, names.get(i), zi);
                putError(p, names.get(i), ZTest.twoSidedP(zi));
            }
        }
        return comps;
    }

    /** A standard error that the information does not give (a degenerate fit) says so. */
    private static void putError(ObjectNode n, String key, double v) {
        JsonNumbers.put(n, key, v, JsonNumbers.Style.CAMEL, "no information for this parameter (see standardErrors.warnings)");
    }

    static ObjectNode coefficients(List<String> names, double[] beta) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < beta.length; i++) putNumber(n, names.get(i), beta[i]);
        return n;
    }

    /** Why a quantity that should exist does not: it overflowed, or the fit degenerated. */
    static final String NOT_FINITE = "not a finite number at this fit (an overflow, or a degenerate fit: see warnings)";

    static void putNumber(ObjectNode n, String key, double v) {
        JsonNumbers.put(n, key, v, JsonNumbers.Style.CAMEL, NOT_FINITE);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
