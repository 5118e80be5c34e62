package io.github.cmlr.api;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.IterationRecord;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.SymmetricStarts;
import io.github.cmlr.em.inference.ErrorComparison;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.em.selection.BootstrapLrt;
import io.github.cmlr.em.selection.GroupedFit;
import io.github.cmlr.em.selection.ModelSelection;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.Scaling;
import io.github.cmlr.util.Parallel;
import io.github.cmlr.util.Progress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every fit, in one order: read the data (statistics, and rows only for standard EM), check them
 * against the description, open the units (nodes or rows), run the starts of the model for each
 * K, choose K, compute standard errors, and collect the result.
 */
final class FitPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(FitPipeline.class);

    private FitPipeline() {}

    /** What the EM stage produced. */
    private record Estimate(FitResult best, MultiStart.Result starts, double logLik, int parameters, Posteriors posteriors,
                            GroupedFit.Outcome grouped, List<IterationRecord> trace, double[] startLogLiks,
                            BootstrapLrt.Result lrt, ConcomitantFit concomitant) {}

    static ModelFit run(DataSource source, ModelSpec spec, Backend backend, Progress progress) {
        long t0 = System.nanoTime();
        DataSource from = spec.fixed() == null ? source : source.withFixed(spec.fixed());
        int asked = -1; // the kept columns the user asked for, before the concomitant model's were added
        if (spec.concomitant() != null) {
            if (!(from instanceof CsvSource csv)) throw new InvalidModelException(InvalidModelException.Reason.CONCOMITANT_NEEDS_FILE);
            asked = csv.columns().keepColumns().size();
            from = csv.keeping(ConcomitantDesign.columns(spec.concomitant()));
        }
        FitData data = from.load(!spec.grouped(), spec.labelsColumn(), backend, progress);
        if (asked >= 0) data = ConcomitantData.of(data, spec, asked);
        DataChecks.check(spec, data.summary());
        DataChecks.checkValues(data);
        // data too large or small for its squares was rescaled while read: fit in those units, report in the data's
        Scaling scaling = data.scaling();
        if (scaling.isIdentity()) return fit(spec, data, backend, progress, t0);
        return Rescaled.toOriginal(fit(Rescaled.spec(spec, scaling, data.summary().source()), data, backend, progress, t0), spec, scaling);
    }

    private static ModelFit fit(ModelSpec spec, FitData data, Backend backend, Progress progress, long t0) {
        UnitOps raw = spec.grouped() ? backend.nodeUnits(data.stats()) : backend.sampleUnits(data.rows());
        try (UnitOps units = ProgressUnitOps.wrap(raw, progress)) {
            long e0 = System.nanoTime();
            Estimate e = spec.symmetric() ? symmetric(spec, data, units) : mixture(spec, data, units, backend);
            long emNanos = System.nanoTime() - e0;
            progress.done();
            FitResult b = e.best();
            List<String> warnings = new ArrayList<>(data.summary().notes());
            warnings.addAll(b.warnings());
            String trust = MultiStart.trustWarning(e.starts());
            if (trust != null) warnings.add(trust);
            StandardErrors errors = e.grouped() == null ? null : compared(e.grouped(), data.summary().coefficients());
            if (e.grouped() != null) warnings.addAll(spurious(e.grouped().selection()));
            if (errors != null && errors.bootstrap() != null) warnings.addAll(errors.bootstrap().comparison());
            warnings.forEach(w -> LOG.warn("warning: {}", w));
            ModelFit.StartSummary starts = new ModelFit.StartSummary(spec.starts(), spec.seed(), e.starts().startsAtBest(),
                    e.startLogLiks(), List.of(e.starts().startKinds()), e.starts().candidates(), e.starts().screenedNodes());
            ModelFit.Timings timings = new ModelFit.Timings(data.summary().readNanos(), data.statsNanos(), emNanos,
                    System.nanoTime() - t0, data.rows() == null);
            return new ModelFit(spec, data.summary(), b.params(), e.logLik(), e.parameters(), b.iterations(), b.reason(),
                    e.trace(), warnings, starts, e.posteriors(),
                    e.grouped() == null ? null : e.grouped().selection(), errors, e.lrt(),
                    backend.description(), timings, e.concomitant());
        }
    }

    /**
     * The symmetric model: its EM works with the log-likelihood up to a constant that does not
     * depend on theta; the general E-step at (theta, -theta) gives the full value, and the
     * difference puts every start and trace entry on that one scale.
     */
    private static Estimate symmetric(ModelSpec spec, FitData data, UnitOps units) {
        double sigma2 = spec.sigma() * spec.sigma();
        MultiStart.Result r = SymmetricStarts.fit(units, data.stats(), sigma2, spec.init(), spec.starts(), spec.seed(),
                spec.stopping());
        FitResult best = r.best();
        double[] gamma = new double[units.units() * 2];
        double logLik = units.posteriors(MixtureParams.symmetric(best.theta(), sigma2), gamma, null);
        double offset = logLik - best.logLik();
        double[] w = best.posteriors(); // SymmetricEm's tanh weights at the final theta
        double[] post = new double[w.length * 3];
        for (int u = 0; u < w.length; u++) {
            post[3 * u] = w[u];
            post[3 * u + 1] = 0.5 * (1 + w[u]);
            post[3 * u + 2] = 0.5 * (1 - w[u]);
        }
        double[] lls = r.allLogLiks().clone();
        for (int i = 0; i < lls.length; i++) lls[i] += offset;
        Posteriors p = posteriors(List.of("w", "p_plus", "p_minus"), post, data, true);
        return new Estimate(best, r, logLik, data.stats().dim(), p, null, shifted(best.trace(), offset), lls, null, null);
    }

    private static Estimate mixture(ModelSpec spec, FitData data, UnitOps units, Backend backend) {
        NodeStats stats = data.stats();
        var options = spec.mixtureOptions().withFixedLabels(DataChecks.fixedLabels(spec, data.summary()))
                .withSharedColumns(data.summary().sharedColumns());
        if (data.concomitant() != null) options = options.withConcomitant(data.concomitant().model());
        GroupedFit.ErrorMethod errors = spec.grouped() ? spec.standardErrors() : GroupedFit.ErrorMethod.NONE;
        GroupedFit.Request request = new GroupedFit.Request(spec.k(), spec.starts(), spec.seed(), options, spec.stopping(),
                spec.criterion(), errors, spec.bootstrap(), Parallel.defaultThreads());
        GroupedFit.Outcome g = GroupedFit.run(units, backend, stats, request);
        BootstrapLrt.Result lrt = spec.lrtBootstrap() == 0 ? null : lrt(spec, backend, stats, g.selection(), options);
        ModelSelection.KFit chosen = g.selection().chosen();
        FitResult best = chosen.fit().best();
        int k = best.params().components();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < k; c++) names.add("p" + (c + 1));
        Posteriors p = posteriors(names, best.posteriors().clone(), data, false);
        return new Estimate(best, chosen.fit(), best.logLik(), chosen.freeParams(), p, g, best.trace(),
                chosen.fit().allLogLiks(), lrt, ConcomitantData.fit(data, best, g.errors()));
    }

    private static BootstrapLrt.Result lrt(ModelSpec spec, Backend backend, NodeStats stats, ModelSelection.Result selection,
                                           MixtureOptions options) {
        LOG.info("bootstrap likelihood-ratio tests over K = {}: {} replicates per test, 2 refits each", spec.k(),
                spec.lrtBootstrap());
        BootstrapLrt.Result r = BootstrapLrt.run(backend, stats, selection, options, spec.stopping(), spec.lrtBootstrap(),
                spec.seed());
        for (BootstrapLrt.Pair p : r.pairs()) {
            LOG.info("LRT {} vs {} components: statistic {}, p = {} ({} replicates used)", p.k(), p.kPlus1(),
                    p.statistic(), p.pValue(), p.replicatesUsed());
        }
        return r;
    }

    /** Bootstrap errors with the analytic ones of the same fit and their comparison attached; other errors as they are. */
    private static StandardErrors compared(GroupedFit.Outcome g, List<String> names) {
        StandardErrors se = g.errors();
        if (se == null || se.bootstrap() == null) return se;
        StandardErrors.Bootstrap b = se.bootstrap();
        return se.withBootstrap(new StandardErrors.Bootstrap(b.replicates(), b.used(), b.seed(), g.analytic(),
                ErrorComparison.compare(se, g.analytic(), names)));
    }

    /** The chosen fit's suspicious components, and the selection's warning when K was chosen through them. */
    private static List<String> spurious(ModelSelection.Result selection) {
        List<String> out = new ArrayList<>(selection.chosen().suspects());
        String choice = selection.warning();
        if (choice != null) out.add(choice);
        return out;
    }

    private static Posteriors posteriors(List<String> columns, double[] values, FitData data, boolean symmetric) {
        int[] offsets = data.rows() == null ? null : data.rows().offsets().clone();
        return new Posteriors(columns, values, data.summary().nodeIds(), offsets, symmetric);
    }

    private static List<IterationRecord> shifted(List<IterationRecord> trace, double offset) {
        List<IterationRecord> out = new ArrayList<>(trace.size());
        for (IterationRecord r : trace) out.add(new IterationRecord(r.iteration(), r.error(), r.logLik() + offset, r.paramChange()));
        return out;
    }
}
