package io.github.cmlr.sweep;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.em.Errors;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.Initializers;
import io.github.cmlr.em.IterationRecord;
import io.github.cmlr.em.MixtureEm;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.Oracle;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.SymmetricEm;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.List;

/**
 * Runs one sweep run on its (shared) dataset and turns the outcome into a result line. The wall
 * time covers the algorithm and the statistics or unit views it builds, not data generation.
 */
public final class RunExecutor {
    private final SweepSpec spec;

    public RunExecutor(SweepSpec spec) {
        this.spec = spec;
    }

    public ResultRecord execute(RunPoint run, DatasetContext ctx) {
        double target = spec.stopping().target().value(run.sigma(), run.d(), run.m(), run.n());
        long start = System.nanoTime();
        Outcome o;
        try {
            o = "oracle".equals(run.algorithm()) ? oracle(run, ctx) : em(run, ctx, target);
        } catch (CmlrException e) {
            if (e.exitCode() != ExitCode.FIT_FAILED && e.exitCode() != ExitCode.DATA_INSUFFICIENT) throw e;
            o = new Outcome(new double[] {Double.NaN}, new double[] {Double.NaN}, 0, "FAILED", "failed: " + e.getMessage());
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        return record(run, ctx, target, o, wallMs);
    }

    /** What an algorithm produced: traces over iterations 0..iterations. */
    private record Outcome(double[] errors, double[] logLiks, int iterations, String stopReason, String status) {}

    /**
     * The oracle's estimate and its error; its log-likelihood is the grouped (clustered) model's
     * at that estimate, on the scale the EM runs of the same model report: the symmetric one up to
     * its constant, or the mixture's full one.
     */
    private Outcome oracle(RunPoint run, DatasetContext ctx) {
        double[] theta = Oracle.estimate(ctx.stats(), ctx.trueLabels());
        double err = Errors.signInvariant(theta, ctx.thetaStar());
        UnitOps units = ctx.nodeUnits();
        double sigma2 = run.sigma() * run.sigma();
        double logLik = "symmetric".equals(run.model())
                ? units.symmetricWeights(theta, sigma2, new double[units.units()])
                : units.posteriors(MixtureParams.symmetric(theta, sigma2), new double[units.units() * 2], null);
        return new Outcome(new double[] {err}, new double[] {logLik}, 0, "ORACLE", "ok");
    }

    private Outcome em(RunPoint run, DatasetContext ctx, double target) {
        UnitOps units = "clustered".equals(run.algorithm()) ? ctx.nodeUnits() : ctx.sampleUnits();
        double[] thetaStar = ctx.thetaStar();
        double[] theta0 = Initializers.ball(thetaStar, run.initRadius(), run.initSeed(spec.seed()));
        double sigma2 = run.sigma() * run.sigma();
        FitResult fit;
        // the mixture error sums over both components; per component (RMS) it equals the
        // symmetric model's error when beta_2 = -beta_1, so the same target applies to both
        double scale = "symmetric".equals(run.model()) ? 1 : 1 / Math.sqrt(2);
        StoppingRule rule = spec.stopping().rule(target / scale);
        if ("symmetric".equals(run.model())) {
            fit = SymmetricEm.run(units, theta0, sigma2, rule, thetaStar);
        } else {
            MixtureParams startParams = MixtureParams.symmetric(theta0, sigma2);
            double[] betas = MixtureParams.symmetric(thetaStar, sigma2).betaFlat();
            fit = MixtureEm.run(units, startParams, MixtureOptions.defaults().withSharedVariance(true), rule, betas);
        }
        List<IterationRecord> trace = fit.trace();
        double[] errors = new double[trace.size()];
        double[] logLiks = new double[trace.size()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = trace.get(i).error() * scale;
            logLiks[i] = trace.get(i).logLik();
        }
        return new Outcome(errors, logLiks, fit.iterations(), fit.reason().name(), "ok");
    }

    private ResultRecord record(RunPoint run, DatasetContext ctx, double target, Outcome o, double wallMs) {
        Integer toTarget = null;
        for (int i = 0; i < o.errors.length; i++) {
            if (o.errors[i] <= target) {
                toTarget = i;
                break;
            }
        }
        boolean traces = spec.traces();
        return new ResultRecord(run.runId(), spec.name(), run.m(), run.n(), run.d(), run.sigma(), run.snr(),
                Double.isNaN(run.thetaNorm()) ? run.snr() * run.sigma() : run.thetaNorm(), run.initRadius(), run.algorithm(), run.model(),
                run.k(), run.rep(), run.dataSeed(spec.seed()), run.initSeed(spec.seed()), ctx.backend().name(), target,
                spec.stopping().maxIter(), o.iterations, toTarget, o.errors[o.errors.length - 1], o.stopReason, o.status,
                traces ? o.errors : null, traces ? o.logLiks : null, wallMs, BuildStamp.version(), BuildStamp.commit(),
                spec.hash());
    }
}
