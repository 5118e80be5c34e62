package io.github.cmlr.em.selection;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.MixtureEm;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.inference.LabelAlignment;
import io.github.cmlr.em.inference.NodeLogLik;
import io.github.cmlr.em.inference.ParameterLayout;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Fits every K of a range (each by {@link MultiStart}), scores each fit by log-likelihood, AIC,
 * BIC and ICL ({@link Criterion}), and marks the K the chosen criterion prefers. Every K's best
 * fit is kept. A K whose fit lost components (policy drop) is scored with the components it
 * kept, and says so.
 */
public final class ModelSelection {

    /**
     * One K's result.
     *
     * @param k          the K asked for
     * @param fit        its multi-start result (best fit, starts at the best optimum)
     * @param components components the best fit kept (K unless some were dropped)
     * @param freeParams P of the fit
     * @param entropy    EN of its per-node posteriors
     * @param suspects   its components that may be spurious ({@link SpuriousCheck}), one sentence each
     */
    public record KFit(int k, MultiStart.Result fit, int components, int freeParams, double logLik, double aic,
                       double bic, double icl, double entropy, List<String> suspects) {

        public KFit {
            suspects = List.copyOf(suspects);
        }

        /** True when some component of this fit may be spurious. */
        public boolean flagged() {
            return !suspects.isEmpty();
        }

        public double score(Criterion c) {
            return switch (c) {
                case AIC -> aic;
                case BIC -> bic;
                case ICL -> icl;
            };
        }

        public MixtureParams params() {
            return fit.best().params();
        }
    }

    /** All K's results and the chosen one. */
    public record Result(List<KFit> fits, Criterion criterion, int chosenK) {
        public KFit chosen() {
            return fit(chosenK);
        }

        /**
         * The warning to give when the criterion chose, over a range, a K whose fit has
         * components that may be spurious; null otherwise.
         */
        public String warning() {
            KFit c = chosen();
            if (fits.size() < 2 || !c.flagged()) return null;
            return "K = " + chosenK + " was chosen by " + criterion.name() + " through " + c.suspects().size()
                    + " component(s) that may be spurious (see its selection row): " + String.join("; ", c.suspects())
                    + "; compare with the other K of the selection table before trusting this choice";
        }

        /** The fit of one K of the range. */
        public KFit fit(int k) {
            for (KFit f : fits) if (f.k() == k) return f;
            throw new IllegalStateException("no fit for K=" + k);
        }
    }

    private ModelSelection() {}

    /**
     * Multi-start EM for each K of the range on the same units, in increasing K; start seeds are
     * {@code seed + 1000003 * K}, and each K's first candidates split the components of the best
     * fit of K - 1 (when K - 1 is in the range), so a K's fit depends on the smaller K fitted before it.
     */
    public static Result run(UnitOps units, NodeStats stats, KRange range, int starts, long seed, MixtureOptions options,
                             StoppingRule rule, Criterion criterion) {
        FitResult[] smaller = new FitResult[1];
        return select(stats, range, options, criterion, k -> {
            MultiStart.Result r = fitK(units, stats, k, starts, seed + 1000003L * k, options, rule, smaller[0]);
            smaller[0] = r.best();
            return r;
        });
    }

    /**
     * Multi-start EM for one K (fixed weights are matched to the starts' components inside
     * MultiStart); {@code smaller} is the best fit of K - 1, or null.
     */
    static MultiStart.Result fitK(UnitOps units, NodeStats stats, int k, int starts, long seed, MixtureOptions given,
                                  StoppingRule rule, FitResult smaller) {
        return MultiStart.fit(units, stats, k, starts, seed, forK(given, k), rule, smaller);
    }

    /**
     * The options for one K of a range: a known variance given once for all components (every
     * entry equal) is repeated K times; otherwise per-component arrays must have K entries.
     */
    static MixtureOptions forK(MixtureOptions o, int k) {
        if (o == null || o.knownSigma2() == null || o.knownSigma2().length == k) return o;
        double[] s2 = o.knownSigma2();
        for (double v : s2) {
            if (v != s2[0]) throw new IllegalArgumentException("known variances differ by component: they need K = " + s2.length);
        }
        double[] out = new double[k];
        java.util.Arrays.fill(out, s2[0]);
        return o.withKnownSigma2(out);
    }

    /**
     * Scores fits produced by {@code fitter} (one call per K) and picks the best by {@code criterion}
     * (ties: the smaller K).
     */
    public static Result select(NodeStats stats, KRange range, MixtureOptions options, Criterion criterion,
                                IntFunction<MultiStart.Result> fitter) {
        List<KFit> fits = new ArrayList<>();
        for (int k = range.min(); k <= range.max(); k++) {
            fits.add(score(k, fitter.apply(k), stats, options));
        }
        KFit best = fits.get(0);
        for (KFit f : fits) if (f.score(criterion) < best.score(criterion)) best = f;
        return new Result(List.copyOf(fits), criterion, best.k());
    }

    static KFit score(int k, MultiStart.Result r, NodeStats stats, MixtureOptions options) {
        MixtureParams p = r.best().params();
        ParameterLayout layout = layoutOf(p.components(), stats.dim(), options);
        double entropy = NodeLogLik.entropy(unitPosteriors(r.best()));
        double ll = r.best().logLik();
        int df = layout.size();
        double rows = stats.totalCount();
        List<String> suspects = SpuriousCheck.check(p, r.best().posteriors(), stats, options);
        return new KFit(k, r, p.components(), df, ll, Criterion.AIC.value(ll, df, rows, entropy),
                Criterion.BIC.value(ll, df, rows, entropy), Criterion.ICL.value(ll, df, rows, entropy), entropy, suspects);
    }

    /** The fit's own posteriors at its final parameters (fixed labels applied): per node, or per row for standard EM. */
    static double[] unitPosteriors(FitResult fit) {
        double[] gamma = fit.posteriors();
        if (gamma == null || gamma.length % fit.params().components() != 0) {
            throw new IllegalStateException("model selection needs the fit's posteriors");
        }
        return gamma;
    }

    /** The free parameters of a K-component fit under these options. */
    public static ParameterLayout layoutOf(int components, int dim, MixtureOptions options) {
        boolean shared = options != null && options.sharedVariance();
        boolean known = options != null && options.knownSigma2() != null;
        boolean fixedW = options != null && options.fixedWeights() != null;
        int sharedColumns = options == null ? 0 : options.sharedColumns();
        int priorTerms = options != null && options.concomitant() != null ? options.concomitant().terms() : 1;
        return new ParameterLayout(components, dim, shared, known, fixedW, sharedColumns, priorTerms);
    }
}
