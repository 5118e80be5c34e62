package io.github.cmlr.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.em.IterationRecord;
import io.github.cmlr.em.StopReason;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.em.selection.BootstrapLrt;
import io.github.cmlr.em.selection.ModelSelection;
import io.github.cmlr.model.MixtureParams;
import java.util.List;
import java.util.Optional;

/**
 * The result of a fit: estimates, likelihood and criteria, the chosen fit's trace and warnings,
 * every start, posteriors, and (for grouped mixtures) the selection over K and standard errors.
 * {@link #toJson()} gives the report {@code cmlr fit --out} writes.
 *
 * @param estimates    the chosen fit's parameters (symmetric model: K = 2 with beta_2 = -beta_1)
 * @param logLik       the full log-likelihood at the estimates (constants included)
 * @param parameters   free parameters (for AIC and BIC)
 * @param iterations   EM steps of the chosen fit
 * @param stopReason   why the chosen fit stopped
 * @param trace        the chosen fit's iterations, log-likelihoods on the scale of {@code logLik}
 * @param warnings     degenerate components and the action taken, each naming the component
 * @param starts       every start of the chosen K
 * @param selection    the fit of every K and the choice, or null (symmetric model)
 * @param errors       standard errors, or null when not computed
 * @param lrt          the bootstrap likelihood-ratio tests of K against K + 1, or null when not asked for
 * @param backend      the backend's description
 * @param concomitant  the concomitant model of the weights, or null without one (the estimates'
 *                     weights are then the mean priors over the units)
 */
public record ModelFit(ModelSpec spec, DataSummary data, MixtureParams estimates, double logLik, int parameters,
                       int iterations, StopReason stopReason, List<IterationRecord> trace, List<String> warnings,
                       StartSummary starts, Posteriors posteriors, ModelSelection.Result selection, StandardErrors errors,
                       BootstrapLrt.Result lrt, String backend, Timings timings, ConcomitantFit concomitant) {

    /**
     * @param logLiks final log-likelihood of each start, in start order (-infinity for a failed start)
     * @param kinds   how each start was made
     * @param reachedBest starts within a relative 1e-6 of the best log-likelihood
     * @param candidates  short-EM candidates screened to choose the starts (0: none, every start ran in full)
     */
    public record StartSummary(int requested, long seed, int reachedBest, double[] logLiks, List<String> kinds,
                               int candidates, int screenedNodes) {
        public StartSummary {
            logLiks = logLiks.clone();
            kinds = List.copyOf(kinds);
        }

        @Override
        public double[] logLiks() { return logLiks.clone(); }
    }

    /** Wall times; {@code streamed} says whether the statistics were computed while reading. */
    public record Timings(long readNanos, long statisticsNanos, long emNanos, long totalNanos, boolean streamed) {}

    public ModelFit {
        trace = List.copyOf(trace);
        warnings = List.copyOf(warnings);
    }

    /** The coefficient names, in the order of each component's beta. */
    public List<String> coefficientNames() { return data.coefficients(); }

    /** Observations as flexmix counts them (rows). */
    public long observations() { return data.rows(); }

    public double aic() { return 2.0 * parameters - 2 * logLik; }

    public double bic() { return parameters * Math.log(observations()) - 2 * logLik; }

    /** ICL = BIC + 2 x entropy of the posteriors, or NaN for the symmetric model. */
    public double icl() { return selection == null ? Double.NaN : selection.chosen().icl(); }

    public boolean converged() {
        return stopReason != StopReason.MAX_ITERATIONS && stopReason != StopReason.DEGENERATE;
    }

    public Optional<ModelSelection.Result> modelSelection() { return Optional.ofNullable(selection); }

    public Optional<StandardErrors> standardErrors() { return Optional.ofNullable(errors); }

    /** The concomitant model of the mixing weights ({@link ModelSpec#concomitant()}). */
    public Optional<ConcomitantFit> concomitantModel() { return Optional.ofNullable(concomitant); }

    /** The bootstrap likelihood-ratio tests of K against K + 1 ({@link ModelSpec#lrtBootstrap()} > 0). */
    public Optional<BootstrapLrt.Result> likelihoodRatioTests() { return Optional.ofNullable(lrt); }

    /** The JSON report, field for field as {@code cmlr fit} writes it. */
    public ObjectNode toJson() {
        return ReportJson.build(this);
    }

    /** The same fit with the caller's total wall time (e.g. including reading and writing). */
    public ModelFit withTotalNanos(long nanos) {
        Timings t = new Timings(timings.readNanos(), timings.statisticsNanos(), timings.emNanos(), nanos, timings.streamed());
        return new ModelFit(spec, data, estimates, logLik, parameters, iterations, stopReason, trace, warnings, starts,
                posteriors, selection, errors, lrt, backend, t, concomitant);
    }
}
