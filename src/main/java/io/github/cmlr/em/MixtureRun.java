package io.github.cmlr.em;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The state and loop of one {@link MixtureEm} run. */
final class MixtureRun {
    private final UnitOps units;
    private final MixtureOptions options;
    private final StoppingRule rule;
    private final double[] truth;
    private final List<IterationRecord> trace = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    /** active[p] = original index of the component at position p. */
    private int[] active;
    private MixtureParams params;
    /** The concomitant model's state, or null without one. */
    private ConcomitantPriors priors;
    private double[] gamma;
    /** The M-step sums of gamma when the E-step made them in the same pass; null when it did not. */
    private ComponentSums sums;
    private double logLik;
    private int iteration;
    /** The extrapolation, or null when the options ask for plain EM or it cannot apply (labels, concomitant). */
    private final Squarem squarem;
    /** The two parameter sets before the current one, consecutive plain EM steps with the same K (null: none yet). */
    private MixtureParams back2;
    private MixtureParams back1;

    MixtureRun(UnitOps units, MixtureParams start, MixtureOptions options, StoppingRule rule, double[] truth) {
        this.units = units;
        this.options = options;
        this.rule = rule;
        this.truth = truth;
        this.params = start;
        this.squarem = options.accelerated() && options.fixedLabels() == null && options.concomitant() == null
                && truth == null ? new Squarem() : null;
        this.active = new int[start.components()];
        for (int c = 0; c < active.length; c++) active[c] = c;
        if (options.concomitant() != null) {
            priors = ConcomitantPriors.start(options.concomitant(), start, units.units());
            params = withWeights(start, priors.meanWeights());
        }
    }

    FitResult run() {
        long t0 = System.nanoTime();
        logLik = eStep();
        trace.add(new IterationRecord(0, error(), logLik, Double.NaN));
        StopReason reason = Convergence.check(rule, 0, error(), Double.NaN, logLik, Double.NaN);
        while (reason == null) {
            iteration++;
            MixtureParams prev = params;
            ConcomitantPriors prevPriors = priors;
            if (!mStep()) {
                reason = StopReason.DEGENERATE;
                iteration--;
                break;
            }
            double prevLogLik = logLik;
            logLik = eStep();
            double change = paramChange(prev, params, prevPriors, priors);
            trace.add(new IterationRecord(iteration, error(), logLik, change));
            reason = Convergence.check(rule, iteration, error(), prevLogLik, logLik, change);
            if (reason == null && squarem != null) reason = afterPlainStep(prev);
        }
        return new FitResult(params, logLik, List.copyOf(trace), iteration, reason, gamma, List.copyOf(warnings),
                System.nanoTime() - t0, priors == null ? null : priors.coefficients());
    }

    /**
     * After a plain step from {@code prev}: once three consecutive parameter sets with the same K
     * are known (and {@link Squarem#PLAIN_STEPS} steps were plain), tries the extrapolated point.
     * It is kept, as one more iteration, when its log-likelihood is at least the current one and
     * the M-step from it raises no degeneracy issue; else the run goes on from the current point
     * as if nothing was tried. Returns the stop reason after a kept point, or null.
     */
    private StopReason afterPlainStep(MixtureParams prev) {
        if (prev.components() != params.components()) {
            back2 = null;
            back1 = null;
            return null;
        }
        back2 = back1;
        back1 = prev;
        if (back2 == null || iteration < Squarem.PLAIN_STEPS || iteration >= rule.maxIterations()) return null;
        if (!squarem.due()) return null;
        MixtureParams x = squarem.extrapolate(back2, back1, params, options);
        if (x == null) return null;
        MixtureParams keptParams = params;
        double[] keptGamma = gamma;
        ComponentSums keptSums = sums;
        double keptLogLik = logLik;
        params = x;
        double ll = eStep();
        if (!(ll >= keptLogLik) || !soundMStep()) {
            params = keptParams;
            gamma = keptGamma;
            sums = keptSums;
            squarem.rejected();
            return null;
        }
        squarem.accepted();
        logLik = ll;
        iteration++;
        back2 = null;
        back1 = null;
        double change = paramChange(keptParams, params, null, null);
        trace.add(new IterationRecord(iteration, error(), logLik, change));
        return Convergence.check(rule, iteration, error(), keptLogLik, logLik, change);
    }

    /** Whether the M-step from the current posteriors raises no degeneracy issue. */
    private boolean soundMStep() {
        return MixtureMStep.compute(sums, params, options, slice(options.fixedWeights()), slice(options.knownSigma2()),
                units.units()).issues().isEmpty();
    }

    /** Posteriors at the current parameters (labelled units pinned to their component); returns the log-likelihood. */
    private double eStep() {
        int k = params.components();
        gamma = new double[units.units() * k];
        int[] labels = options.fixedLabels();
        if (labels == null && priors == null && iteration < rule.maxIterations()) { // else no M-step follows
            sums = new ComponentSums(k, params.dim());
            return units.posteriorsAndSums(params, gamma, null, sums);
        }
        sums = null; // labelled units are pinned after the pass (the M-step sums them), or no M-step follows
        double[] l = labels != null || priors != null ? new double[gamma.length] : null;
        double ll = units.posteriors(params, gamma, l);
        if (priors != null) ll = priors.reweigh(params, l, gamma); // each unit's own priors
        if (labels == null) return ll;
        for (int u = 0; u < labels.length; u++) {
            int p = labels[u] < 0 ? -1 : position(labels[u]);
            if (p < 0) continue;
            ll += l[u * k + p] - MixtureEm.logSumExp(l, u * k, k);
            for (int c = 0; c < k; c++) gamma[u * k + c] = c == p ? 1.0 : 0.0;
        }
        return ll;
    }

    /** One M-step with the degeneracy policy applied; false when the policy says stop. */
    private boolean mStep() {
        int k = params.components();
        if (sums == null) {
            sums = new ComponentSums(k, params.dim());
            units.componentSums(gamma, k, sums);
        }
        MixtureMStep.Outcome out = MixtureMStep.compute(sums, params, options, slice(options.fixedWeights()),
                slice(options.knownSigma2()), units.units());
        ConcomitantPriors nextPriors = priors == null ? null : priors.next(gamma);
        if (nextPriors != null) {
            out = new MixtureMStep.Outcome(out.beta(), out.sigma2(), nextPriors.meanWeights(), out.issues());
        }
        List<MixtureMStep.Issue> issues = mergedByComponent(out.issues());
        if (issues.isEmpty()) {
            params = new MixtureParams(params.dim(), out.beta(), out.sigma2(), out.weights());
            priors = nextPriors;
            return true;
        }
        switch (options.degeneracy()) {
            case STOP:
                for (MixtureMStep.Issue i : issues) warn(i, "stopped with the previous parameters (policy stop)");
                return false;
            case FLOOR:
                for (MixtureMStep.Issue i : issues) warn(i, "kept with floored weight/variance or ridged "
                        + "equations (policy floor)");
                params = new MixtureParams(params.dim(), out.beta(), out.sigma2(), out.weights());
                priors = nextPriors;
                return true;
            default:
                dropDegenerate(out, issues, nextPriors);
                return true;
        }
    }

    /** One issue per component: the first kind found (the root cause), all details joined. */
    private static List<MixtureMStep.Issue> mergedByComponent(List<MixtureMStep.Issue> issues) {
        java.util.Map<Integer, MixtureMStep.Issue> merged = new java.util.TreeMap<>();
        for (MixtureMStep.Issue i : issues) {
            merged.merge(i.position(), i, (a, b) -> new MixtureMStep.Issue(a.position(), a.kind(),
                    a.detail() + ", " + b.detail()));
        }
        return new ArrayList<>(merged.values());
    }

    /** Policy DROP: removes degenerate components (labelled ones are kept floored), renormalises the weights. */
    private void dropDegenerate(MixtureMStep.Outcome out, List<MixtureMStep.Issue> issues, ConcomitantPriors nextPriors) {
        int k = params.components();
        boolean[] drop = new boolean[k];
        for (MixtureMStep.Issue i : issues) {
            if (hasLabelledUnits(active[i.position()])) {
                warn(i, "kept with floored weight/variance (it has labelled units)");
            } else {
                drop[i.position()] = true;
                warn(i, "dropped (policy drop)");
            }
        }
        int keep = 0;
        for (boolean b : drop) if (!b) keep++;
        if (keep == 0) {
            throw new CmlrException(ExitCode.FIT_FAILED, "every component degenerated at iteration " + iteration
                    + ": " + warnings.get(warnings.size() - 1));
        }
        int d = params.dim();
        int[] nextActive = new int[keep];
        double[] beta = new double[keep * d];
        double[] s2 = new double[keep];
        double[] w = new double[keep];
        for (int c = 0, p = 0; c < k; c++) {
            if (drop[c]) continue;
            nextActive[p] = active[c];
            System.arraycopy(out.beta(), c * d, beta, p * d, d);
            s2[p] = out.sigma2()[c];
            w[p] = out.weights()[c];
            p++;
        }
        active = nextActive;
        params = new MixtureParams(d, beta, s2, MixtureMStep.normalised(w));
        if (nextPriors != null) {
            priors = nextPriors.dropped(drop);
            params = withWeights(params, priors.meanWeights());
        }
    }

    private static MixtureParams withWeights(MixtureParams p, double[] weights) {
        return new MixtureParams(p.dim(), p.betaFlat(), p.sigma2(), weights);
    }

    private void warn(MixtureMStep.Issue issue, String action) {
        int original = active[issue.position()];
        String key = original + ":" + issue.kind() + ":" + action; // kind + action: details vary by iteration
        if (!reported.add(key)) return; // one warning per component, kind and action
        warnings.add("component " + (original + 1) + ": " + issue.detail() + " at iteration " + iteration + "; " + action);
    }

    private boolean hasLabelledUnits(int original) {
        int[] labels = options.fixedLabels();
        if (labels == null) return false;
        for (int l : labels) if (l == original) return true;
        return false;
    }

    private int position(int original) {
        for (int p = 0; p < active.length; p++) if (active[p] == original) return p;
        return -1;
    }

    /** The active components' entries of a per-component option array (null stays null). */
    private double[] slice(double[] perComponent) {
        if (perComponent == null) return null;
        double[] s = new double[active.length];
        for (int p = 0; p < active.length; p++) s[p] = perComponent[active[p]];
        return s;
    }

    private double error() {
        return truth == null ? Double.NaN : Errors.permutationInvariant(params.betaFlat(), truth, params.dim());
    }

    /**
     * Relative change of (beta, sigma2, weights), and of the concomitant coefficients when there are
     * any; NaN when the number of components changed.
     */
    private static double paramChange(MixtureParams a, MixtureParams b, ConcomitantPriors pa, ConcomitantPriors pb) {
        if (a.components() != b.components()) return Double.NaN;
        if (pa == null) return Convergence.relativeChange(flat(a), flat(b));
        return Convergence.relativeChange(joined(flat(a), pa.coefficients()), joined(flat(b), pb.coefficients()));
    }

    private static double[] joined(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] flat(MixtureParams p) {
        double[] beta = p.betaFlat();
        int k = p.components();
        double[] f = java.util.Arrays.copyOf(beta, beta.length + 2 * k);
        System.arraycopy(p.sigma2(), 0, f, beta.length, k);
        System.arraycopy(p.weights(), 0, f, beta.length + k, k);
        return f;
    }
}
