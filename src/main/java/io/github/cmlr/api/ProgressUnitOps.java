package io.github.cmlr.api;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.Progress;

/**
 * Passes every operation to the wrapped units and reports each E-step's log-likelihood to a
 * {@link Progress}, so EM shows progress without knowing about it. Closes the wrapped units.
 */
final class ProgressUnitOps implements UnitOps {
    private final UnitOps inner;
    private final Progress progress;
    private int steps;

    ProgressUnitOps(UnitOps inner, Progress progress) {
        this.inner = inner;
        this.progress = progress;
    }

    /** The units themselves when progress is off (no indirection), else the wrapper. */
    static UnitOps wrap(UnitOps units, Progress progress) {
        return progress.enabled() ? new ProgressUnitOps(units, progress) : units;
    }

    @Override
    public int units() { return inner.units(); }

    @Override
    public int dim() { return inner.dim(); }

    @Override
    public double[] unitCounts() { return inner.unitCounts(); }

    @Override
    public double[] totalGram() { return inner.totalGram(); }

    @Override
    public double symmetricWeights(double[] theta, double sigma2, double[] w) {
        double ll = inner.symmetricWeights(theta, sigma2, w);
        progress.iteration(++steps, ll);
        return ll;
    }

    @Override
    public void weightedXty(double[] w, double[] out) {
        inner.weightedXty(w, out);
    }

    @Override
    public double posteriors(MixtureParams params, double[] gamma, double[] logLik) {
        double ll = inner.posteriors(params, gamma, logLik);
        progress.iteration(++steps, ll);
        return ll;
    }

    @Override
    public double posteriorsAndSums(MixtureParams params, double[] gamma, double[] logLik, ComponentSums out) {
        double ll = inner.posteriorsAndSums(params, gamma, logLik, out);
        progress.iteration(++steps, ll);
        return ll;
    }

    @Override
    public void componentSums(double[] gamma, int components, ComponentSums out) {
        inner.componentSums(gamma, components, out);
    }

    @Override
    public void close() {
        inner.close();
    }

    /** The inner units' (screening runs on a subsample show no progress). */
    @Override
    public UnitOps forNodes(io.github.cmlr.model.NodeStats stats) {
        return inner.forNodes(stats);
    }
}
