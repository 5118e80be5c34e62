package io.github.cmlr.api;

import io.github.cmlr.data.formula.Formula;
import io.github.cmlr.data.formula.FormulaException;
import io.github.cmlr.api.InvalidModelException.Param;
import io.github.cmlr.api.InvalidModelException.Reason;
import io.github.cmlr.em.DegeneracyPolicy;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.SymmetricInit;
import io.github.cmlr.em.selection.BootstrapLrt;
import io.github.cmlr.em.selection.Criterion;
import io.github.cmlr.em.selection.GroupedFit.ErrorMethod;
import io.github.cmlr.em.selection.KRange;

/**
 * What to fit: the model, the algorithm, K (one or a range chosen by a criterion), constraints,
 * starts, stopping and standard errors. Every instance is valid: the constructor checks the
 * description as a whole and throws {@link InvalidModelException} with a typed reason. Build one
 * with {@link #mixture(int)}, {@link #symmetric(double)} or {@link #builder()}.
 *
 * @param sigma          known noise sd: required by the symmetric model, fixes a mixture's variances; or null
 * @param starts         EM starts per K; the best log-likelihood is kept
 * @param init           the symmetric model's first start (AUTO for a mixture)
 * @param fixedWeights   known mixing weights (one per component, a single K), or null
 * @param labelsColumn   data column fixing the component of some nodes (1..K, 0 unknown), or null
 * @param minVarianceRatio    c: every component's variance >= c x the largest (0 = off); a mixture's bound
 *                            against collapsing variances, imposed in the M-step
 * @param minRowsPerParameter r: a component with fewer expected rows than r x (coefficients + 1) is
 *                            degenerate (0 = off)
 * @param minWeight      w: a component whose share of the units' weight falls below w is degenerate
 *                       (flexmix's {@code minprior}, 0.05 there; {@link #DEFAULT_MIN_WEIGHT} here)
 * @param lrtBootstrap   B: replicates of the parametric-bootstrap likelihood-ratio test of K against
 *                       K + 1 over the K range (0 = off; otherwise >= {@link BootstrapLrt#MIN_REPLICATES},
 *                       a clustered mixture with a K range)
 * @param fixed          terms whose coefficients all components share, one-sided ({@code "~ x3"}), as
 *                       flexmix's {@code FLXMRglmfix(fixed = ~ x3)}; needs a formula data source; or null
 * @param concomitant    a one-sided R formula {@code "~ z1 + z2"} of node-level covariates of the mixing
 *                       weights (flexmix's {@code FLXPmultinom}: a multinomial logit, the first
 *                       component the baseline), or null for one set of weights
 * @param accelerated    a mixture's EM steps extrapolated (SQUAREM, {@link MixtureOptions#accelerated}):
 *                       the same maxima in fewer passes over the data; iterations then count passes
 */
public record ModelSpec(Model model, Algorithm algorithm, KRange k, Double sigma, boolean sharedVariance, int starts,
                        long seed, StoppingRule stopping, SymmetricInit init, DegeneracyPolicy degeneracy,
                        Criterion criterion, ErrorMethod standardErrors, int bootstrap, double[] fixedWeights,
                        String labelsColumn, double minVarianceRatio, double minRowsPerParameter,
                        double minWeight, int lrtBootstrap, String fixed, String concomitant, boolean accelerated) {

    /** Default c: below every flexmix solution of the real-data fixtures (their smallest is 0.0058). */
    public static final double DEFAULT_MIN_VARIANCE_RATIO = 1e-3;
    /** Default r: below every flexmix solution of the real-data fixtures (their smallest is 3.3). */
    public static final double DEFAULT_MIN_ROWS_PER_PARAMETER = 2;
    /** Default w: a component of 1 in 10^6 of the weight is treated as lost (flexmix's minprior 0.05 drops far larger ones). */
    public static final double DEFAULT_MIN_WEIGHT = 1e-6;

    /** symmetric: the paper's model (K = 2, beta_2 = -beta_1, sigma known); mixture: general K. */
    public enum Model { SYMMETRIC, MIXTURE }

    /** clustered: one latent label per node (per-node statistics); standard: one per row. */
    public enum Algorithm { CLUSTERED, STANDARD }

    public ModelSpec {
        fixedWeights = fixedWeights == null ? null : fixedWeights.clone();
        validate(model, algorithm, k, sigma, sharedVariance, starts, init, bootstrap, fixedWeights, labelsColumn);
        validateBounds(minVarianceRatio, minRowsPerParameter);
        if (!(minWeight >= 0 && minWeight < 1)) throw new InvalidModelException(Reason.MIN_WEIGHT_RANGE, minWeight);
        validateLrt(lrtBootstrap, model, algorithm, k);
        validateFixed(fixed, model);
        if (concomitant != null) validateConcomitant(concomitant, model, standardErrors, fixedWeights, lrtBootstrap);
    }

    private static void validateFixed(String fixed, Model model) {
        if (fixed == null) return;
        if (model != Model.MIXTURE) throw new InvalidModelException(Reason.FIXED_NEEDS_MIXTURE);
        try {
            Formula.checkShared(fixed);
        } catch (FormulaException e) {
            throw new InvalidModelException(Reason.FIXED_SYNTAX, e.getMessage());
        }
    }

    /** A K-component grouped mixture with the defaults of {@link Builder}. */
    public static ModelSpec mixture(int k) {
        return builder().k(k).build();
    }

    /** The paper's symmetric model with known noise sd. */
    public static ModelSpec symmetric(double sigma) {
        return builder().model(Model.SYMMETRIC).sigma(sigma).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean symmetric() { return model == Model.SYMMETRIC; }

    public boolean grouped() { return algorithm == Algorithm.CLUSTERED; }

    @Override
    public double[] fixedWeights() { return fixedWeights == null ? null : fixedWeights.clone(); }

    /** The general EM's options for this description (variances fixed when sigma is known). */
    public MixtureOptions mixtureOptions() {
        MixtureOptions o = MixtureOptions.defaults().withSharedVariance(sharedVariance).withDegeneracy(degeneracy)
                .withBounds(bounds()).withMinWeight(minWeight);
        if (sigma != null) o = o.withKnownSigma2(new double[] {sigma * sigma});
        if (fixedWeights != null) o = o.withFixedWeights(fixedWeights.clone());
        return o.withAcceleration(accelerated);
    }

    /** The spurious-solution bounds of a mixture fit. */
    public MixtureOptions.Bounds bounds() {
        return new MixtureOptions.Bounds(minVarianceRatio, minRowsPerParameter);
    }

    private static void validateBounds(double ratio, double rows) {
        if (!(ratio >= 0 && ratio < 1)) throw new InvalidModelException(Reason.VARIANCE_RATIO_RANGE, ratio);
        if (!(rows >= 0 && Double.isFinite(rows))) throw new InvalidModelException(Reason.ROWS_PER_PARAMETER_RANGE, rows);
    }

    private static void validateConcomitant(String formula, Model model, ErrorMethod errors, double[] weights, int lrt) {
        ConcomitantDesign.parse(formula);
        if (model == Model.SYMMETRIC) throw new InvalidModelException(Reason.CONCOMITANT_EXCLUDES, Param.MODEL, "symmetric");
        if (weights != null) throw new InvalidModelException(Reason.CONCOMITANT_EXCLUDES, Param.FIXED_WEIGHTS, "(the weights are fixed or modelled, not both)");
        if (errors == ErrorMethod.BOOTSTRAP) {
            throw new InvalidModelException(Reason.CONCOMITANT_EXCLUDES, Param.STANDARD_ERRORS, "bootstrap (its errors are analytic)");
        }
        if (lrt != 0) throw new InvalidModelException(Reason.CONCOMITANT_EXCLUDES, Param.LRT_BOOTSTRAP, lrt);
    }

    private static void validateLrt(int replicates, Model model, Algorithm algorithm, KRange k) {
        if (replicates == 0) return;
        if (replicates < BootstrapLrt.MIN_REPLICATES) {
            throw new InvalidModelException(Reason.LRT_REPLICATES, BootstrapLrt.MIN_REPLICATES, replicates);
        }
        if (model != Model.MIXTURE || algorithm != Algorithm.CLUSTERED || k.single()) {
            throw new InvalidModelException(Reason.LRT_NEEDS_RANGE, k);
        }
    }

    private static void validate(Model model, Algorithm algorithm, KRange k, Double sigma, boolean shared, int starts,
                                 SymmetricInit init, int bootstrap, double[] weights, String labels) {
        if (sigma != null && !(sigma > 0 && Double.isFinite(sigma) && Double.isFinite(sigma * sigma) && sigma * sigma > 0)) {
            throw new InvalidModelException(Reason.SIGMA_INVALID, sigma);
        }
        if (model == Model.SYMMETRIC) {
            if (sigma == null) throw new InvalidModelException(Reason.SIGMA_REQUIRED);
            if (k.max() != 2 || k.min() != 2) throw new InvalidModelException(Reason.SYMMETRIC_K, k);
            if (shared) throw new InvalidModelException(Reason.SYMMETRIC_SHARED_VARIANCE);
        } else if (init != SymmetricInit.AUTO) {
            throw new InvalidModelException(Reason.INIT_NEEDS_SYMMETRIC, init.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (starts < 1) throw new InvalidModelException(Reason.NOT_AT_LEAST, Param.STARTS, 1, starts);
        if (bootstrap < 2) throw new InvalidModelException(Reason.NOT_AT_LEAST, Param.BOOTSTRAP, 2, bootstrap);
        boolean selective = !k.single() || weights != null || labels != null;
        if (model == Model.SYMMETRIC && selective) throw new InvalidModelException(Reason.NEEDS_MIXTURE);
        if (algorithm == Algorithm.STANDARD && selective) throw new InvalidModelException(Reason.NEEDS_CLUSTERED);
        if (weights != null) validateWeights(weights, k);
    }

    private static void validateWeights(double[] weights, KRange k) {
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0 && w < 1)) throw new InvalidModelException(Reason.FIXED_WEIGHT_RANGE, w);
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-9) throw new InvalidModelException(Reason.FIXED_WEIGHTS_SUM, sum);
        if (!k.single() || k.min() != weights.length) throw new InvalidModelException(Reason.FIXED_WEIGHTS_COUNT, weights.length, k);
    }

    /**
     * Builds a {@link ModelSpec}. Defaults: a grouped (clustered) mixture, K = 2, variances per
     * component, 10 starts (1 for the symmetric model), seed 1, 500 iterations, relative
     * tolerances 1e-8 (parameters) and 1e-10 (log-likelihood), degenerate components dropped,
     * K chosen by BIC, analytic standard errors (200 replicates when bootstrapped), spurious-solution
     * bounds {@link #DEFAULT_MIN_VARIANCE_RATIO} and {@link #DEFAULT_MIN_ROWS_PER_PARAMETER}, no
     * likelihood-ratio test.
     */
    public static final class Builder {
        private Model model = Model.MIXTURE;
        private Algorithm algorithm = Algorithm.CLUSTERED;
        private KRange k = new KRange(2, 2);
        private Double sigma;
        private boolean sharedVariance;
        private Integer starts;
        private long seed = 1;
        private int maxIterations = 500;
        private double tolParam = 1e-8;
        private double tolLogLik = 1e-10;
        private SymmetricInit init = SymmetricInit.AUTO;
        private DegeneracyPolicy degeneracy = DegeneracyPolicy.DROP;
        private Criterion criterion = Criterion.BIC;
        private ErrorMethod standardErrors = ErrorMethod.ANALYTIC;
        private int bootstrap = 200;
        private double[] fixedWeights;
        private String labelsColumn;
        private double minVarianceRatio = DEFAULT_MIN_VARIANCE_RATIO;
        private double minRowsPerParameter = DEFAULT_MIN_ROWS_PER_PARAMETER;
        private double minWeight = DEFAULT_MIN_WEIGHT;
        private int lrtBootstrap;
        private String fixed;
        private String concomitant;
        private boolean accelerated = true;

        private Builder() {}

        public Builder model(Model m) { model = m; return this; }
        public Builder algorithm(Algorithm a) { algorithm = a; return this; }
        public Builder k(int components) { return k(components, components); }

        /** A range of K to choose from by the criterion; each K is fitted. */
        public Builder k(int min, int max) {
            if (min < 1 || max < min) throw new InvalidModelException(Reason.NOT_AT_LEAST, Param.K, max < min ? min : 1, max < min ? max : min);
            k = new KRange(min, max);
            return this;
        }

        public Builder k(KRange range) { k = range; return this; }
        public Builder sigma(Double s) { sigma = s; return this; }
        public Builder sharedVariance(boolean on) { sharedVariance = on; return this; }
        public Builder starts(Integer n) { starts = n; return this; }
        public Builder seed(long s) { seed = s; return this; }
        public Builder maxIterations(int n) { maxIterations = n; return this; }
        public Builder tolParam(double t) { tolParam = t; return this; }
        public Builder tolLogLik(double t) { tolLogLik = t; return this; }
        public Builder init(SymmetricInit i) { init = i; return this; }
        public Builder degeneracy(DegeneracyPolicy p) { degeneracy = p; return this; }
        public Builder criterion(Criterion c) { criterion = c; return this; }
        public Builder standardErrors(ErrorMethod m) { standardErrors = m; return this; }
        public Builder bootstrap(int replicates) { bootstrap = replicates; return this; }
        public Builder fixedWeights(double... w) { fixedWeights = w == null ? null : w.clone(); return this; }
        public Builder labelsColumn(String column) { labelsColumn = column; return this; }
        /** c in [0, 1): sigma_k^2 >= c max_l sigma_l^2; 0 disables the bound. */
        public Builder minVarianceRatio(double c) { minVarianceRatio = c; return this; }
        /** r >= 0: expected rows per component >= r (d + 1); 0 disables the bound. */
        public Builder minRowsPerParameter(double r) { minRowsPerParameter = r; return this; }
        /** w in [0, 1): a component's weight share >= w, else it is degenerate; 0.05 is flexmix's minprior. */
        public Builder minWeight(double w) { minWeight = w; return this; }
        /** B: bootstrap LRT of K against K + 1 over the K range with B replicates; 0 (default) = off. */
        public Builder lrtBootstrap(int replicates) { lrtBootstrap = replicates; return this; }
        /** Terms shared by all components, {@code "~ x3"} (flexmix's FLXMRglmfix fixed); null (default) = none. */
        public Builder fixed(String terms) { fixed = terms; return this; }
        /** A one-sided formula of node-level covariates of the mixing weights, {@code "~ z1 + z2"}; null (default) = none. */
        public Builder concomitant(String formula) { concomitant = formula; return this; }
        /** SQUAREM-extrapolated mixture EM (default on); off gives plain EM, one M-step per iteration. */
        public Builder accelerated(boolean on) { accelerated = on; return this; }

        public ModelSpec build() {
            if (maxIterations < 0) throw new InvalidModelException(Reason.NOT_AT_LEAST, Param.MAX_ITERATIONS, 0, maxIterations);
            if (!(tolParam >= 0)) throw new InvalidModelException(Reason.NOT_AT_LEAST, Param.TOL_PARAM, 0, tolParam);
            if (!(tolLogLik >= 0)) throw new InvalidModelException(Reason.NOT_AT_LEAST, Param.TOL_LOGLIK, 0, tolLogLik);
            int n = starts != null ? starts : model == Model.SYMMETRIC ? 1 : 10;
            StoppingRule rule = new StoppingRule(maxIterations, tolParam, tolLogLik, Double.NaN);
            return new ModelSpec(model, algorithm, k, sigma, sharedVariance, n, seed, rule, init, degeneracy, criterion,
                    standardErrors, bootstrap, fixedWeights, labelsColumn, minVarianceRatio, minRowsPerParameter,
                    minWeight, lrtBootstrap, fixed, concomitant, accelerated);
        }
    }
}
