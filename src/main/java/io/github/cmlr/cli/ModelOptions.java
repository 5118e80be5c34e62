package io.github.cmlr.cli;

import io.github.cmlr.api.InvalidModelException;
import io.github.cmlr.api.ModelSpec;
import io.github.cmlr.em.DegeneracyPolicy;
import io.github.cmlr.em.SymmetricInit;
import io.github.cmlr.em.selection.Criterion;
import io.github.cmlr.em.selection.GroupedFit;
import io.github.cmlr.em.selection.KRange;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.MemoryBudget;
import io.github.cmlr.util.ExitCode;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The model options of {@code fit}, parsed into a {@link ModelSpec}; the API validates them. */
public final class ModelOptions {
    @Option(names = "--model", defaultValue = "mixture", paramLabel = "symmetric|mixture",
            description = "symmetric: the paper's model (K = 2, beta_2 = -beta_1, --sigma known); mixture: general K. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--algorithm", defaultValue = "clustered", paramLabel = "clustered|standard",
            description = "clustered: one latent label per node, streamed per-node statistics; standard: one per row. Default: ${DEFAULT-VALUE}.")
    String algorithm;

    @Option(names = "--k", defaultValue = "2", paramLabel = "K|KMIN..KMAX",
            description = "Mixture components, or a range to choose from by --criterion (clustered mixture). Default: ${DEFAULT-VALUE}.")
    String k;

    @Option(names = "--sigma", paramLabel = "S", description = "Known noise sd (required by --model symmetric; fixes the variances of a mixture).")
    Double sigma;

    @Option(names = "--shared-variance", description = "One noise variance for all components.")
    boolean sharedVariance;

    @Option(names = "--starts", paramLabel = "N", description = "EM starts, best log-likelihood kept. Default: 1 (symmetric), 10 (mixture).")
    Integer starts;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed of the starts. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--max-iter", defaultValue = "500", paramLabel = "N", description = "Iteration budget per start. Default: ${DEFAULT-VALUE}.")
    int maxIter;

    @Option(names = "--tol-param", defaultValue = "1e-8", paramLabel = "TOL", description = "Relative parameter change to stop at. Default: ${DEFAULT-VALUE}.")
    double tolParam;

    @Option(names = "--tol-loglik", defaultValue = "1e-10", paramLabel = "TOL", description = "Relative log-likelihood change to stop at. Default: ${DEFAULT-VALUE}.")
    double tolLogLik;

    @Option(names = "--init", defaultValue = "auto", paramLabel = "auto|spectral|lsq|random",
            description = "Symmetric model's first start: spectral (auto), per-node least squares, or random; later starts are random. "
                    + "Mixtures use the documented mix of MultiStart (auto only). Default: ${DEFAULT-VALUE}.")
    String init;

    @Option(names = {"--degenerate", "--on-degenerate"}, defaultValue = "drop", paramLabel = "drop|floor|stop",
            description = "What to do with a component whose weight or variance collapses (always reported). Default: ${DEFAULT-VALUE}.")
    String degenerate;

    @Option(names = "--criterion", defaultValue = "bic", paramLabel = "bic|aic|icl",
            description = "Chooses K over a --k range (smallest wins; ICL = BIC + 2 x posterior entropy). Default: ${DEFAULT-VALUE}.")
    String criterion;

    @Option(names = "--se", defaultValue = "analytic", paramLabel = "analytic|bootstrap|none",
            description = "Standard errors of the clustered mixture: observed information, bootstrap over nodes, or none. Default: ${DEFAULT-VALUE}.")
    String se;

    @Option(names = "--bootstrap", defaultValue = "200", paramLabel = "B", description = "Bootstrap replicates for --se bootstrap. Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--fixed-weights", split = ",", paramLabel = "w1,w2,...", hideParamSyntax = true,
            description = "Known mixing weights, one per component (needs a single --k equal to their number).")
    double[] fixedWeights;

    @Option(names = "--labels-col", paramLabel = "NAME",
            description = "Column fixing the component of some nodes (semi-supervised): 1..K = that component, 0 = unknown; one value per node.")
    String labelsColumn;

    @Option(names = "--min-variance-ratio", defaultValue = "" + ModelSpec.DEFAULT_MIN_VARIANCE_RATIO, paramLabel = "C",
            description = "Spurious-solution bound: every component's variance >= C x the largest (constrained M-step); 0 = off. Default: ${DEFAULT-VALUE}.")
    double minVarianceRatio;

    @Option(names = "--min-rows-per-parameter", defaultValue = "" + ModelSpec.DEFAULT_MIN_ROWS_PER_PARAMETER, paramLabel = "R",
            description = "Spurious-solution bound: a component with fewer expected rows than R x (coefficients + 1) is degenerate (--degenerate); 0 = off. Default: ${DEFAULT-VALUE}.")
    double minRowsPerParameter;

    @Option(names = "--min-weight", defaultValue = "" + ModelSpec.DEFAULT_MIN_WEIGHT, paramLabel = "W",
            description = "A component whose share of the nodes' weight (rows' with --algorithm standard) falls below W is degenerate (--degenerate); "
                    + "flexmix's minprior, 0.05 there. Default: ${DEFAULT-VALUE}.")
    double minWeight;

    @Option(names = "--fixed", paramLabel = "'~ TERMS'",
            description = "Terms whose coefficients all components share (flexmix's FLXMRglmfix fixed), one-sided as '~ x3 + factor(g)';"
                    + " the --formula's terms vary. Needs --formula.")
    String fixed;

    @Option(names = "--lrt-bootstrap", defaultValue = "0", paramLabel = "B",
            description = "Parametric-bootstrap likelihood-ratio test of K against K+1 over the --k range with B replicates (>= 10), "
                    + "from the smallest K up to the first p > 0.05; 0 = off. Default: ${DEFAULT-VALUE}.")
    int lrtBootstrap;

    @Option(names = "--concomitant", paramLabel = "'~ Z1 + Z2'",
            description = "Node-level covariates of the mixing weights, a one-sided R formula: a multinomial logit "
                    + "(flexmix's FLXPmultinom), component 1 the baseline; each column must hold one value per node.")
    String concomitant;

    @Option(names = "--acceleration", defaultValue = "squarem", paramLabel = "squarem|none",
            description = "Mixture EM: squarem extrapolates every few steps (kept only when the log-likelihood rises: the same maxima "
                    + "in fewer passes; iterations count passes); none runs plain EM. Default: ${DEFAULT-VALUE}.")
    String acceleration;

    /** The description; a parse failure or an invalid combination is a usage error naming the option. */
    ModelSpec spec() {
        ModelSpec.Builder b = ModelSpec.builder()
                .model(choice(ModelSpec.Model.class, "--model", model))
                .algorithm(choice(ModelSpec.Algorithm.class, "--algorithm", algorithm))
                .init(choice(SymmetricInit.class, "--init", init))
                .degeneracy(choice(DegeneracyPolicy.class, "--degenerate", degenerate))
                .criterion(choice(Criterion.class, "--criterion", criterion))
                .standardErrors(choice(GroupedFit.ErrorMethod.class, "--se", se))
                .k(KRange.parse(k, "--k")).sigma(sigma).sharedVariance(sharedVariance).starts(starts).seed(seed)
                .maxIterations(maxIter).tolParam(tolParam).tolLogLik(tolLogLik).bootstrap(bootstrap)
                .fixedWeights(fixedWeights).labelsColumn(labelsColumn).minVarianceRatio(minVarianceRatio)
                .minRowsPerParameter(minRowsPerParameter).minWeight(minWeight).lrtBootstrap(lrtBootstrap).fixed(fixed).concomitant(concomitant)
                .accelerated(choice(Acceleration.class, "--acceleration", acceleration) == Acceleration.SQUAREM);
        ModelSpec spec = translated(b::build);
        MemoryBudget.require(MemoryBudget.product(64, spec.starts()), "--starts " + spec.starts() + " (a log-likelihood and a description per start)");
        return spec;
    }

    /** Runs {@code action}, rendering a typed API error with this command's option names. */
    static <T> T translated(Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidModelException e) {
            throw new CmlrException(e.reason().exitCode(), e.render(ModelOptions::option), e);
        }
    }

    /** The option that sets a parameter of the description. */
    static String option(InvalidModelException.Param p) {
        return switch (p) {
            case MAX_ITERATIONS -> "--max-iter";
            case DEGENERACY -> "--degenerate";
            case STANDARD_ERRORS -> "--se";
            case LABELS_COLUMN -> "--labels-col";
            default -> "--" + p.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    /** The values of --acceleration. */
    enum Acceleration { SQUAREM, NONE }

    static <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) return e;
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        throw new CmlrException(ExitCode.USAGE, option + " must be one of " + allowed + ", got '" + value + "'");
    }
}
