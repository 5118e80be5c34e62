package io.github.cmlr.api;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A model description that is invalid, or that the data cannot answer. Callers (and tests)
 * branch on {@link #reason()} and {@link #args()}; the message is rendered from them with the
 * API's parameter names, or with any other naming (the command line renders its option names)
 * through {@link #render(Function)}.
 */
public final class InvalidModelException extends CmlrException {

    /** The parameters of a model description, as {@link ModelSpec} names them. */
    public enum Param {
        MODEL, ALGORITHM, K, SIGMA, SHARED_VARIANCE, STARTS, SEED, MAX_ITERATIONS, TOL_PARAM, TOL_LOGLIK, INIT,
        DEGENERACY, CRITERION, STANDARD_ERRORS, BOOTSTRAP, FIXED_WEIGHTS, LABELS_COLUMN, FORMULA, MIN_VARIANCE_RATIO,
        MIN_ROWS_PER_PARAMETER, MIN_WEIGHT, LRT_BOOTSTRAP, FIXED, CONCOMITANT;

        /** The name of the {@link ModelSpec} component, e.g. {@code maxIterations}. */
        public String apiName() {
            String[] words = name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder b = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
            return b.toString();
        }
    }

    /** Renders a message from parameter names and the arguments. */
    private interface Template {
        String render(Function<Param, String> n, Object[] a);
    }

    /** Why a description was refused; MODEL kinds are the description's own fault, DATA kinds the data's. */
    public enum Reason {
        SIGMA_REQUIRED(ExitCode.USAGE, (n, a) -> n.apply(Param.MODEL) + " symmetric needs the noise sd: give " + n.apply(Param.SIGMA)),
        SIGMA_INVALID(ExitCode.USAGE, (n, a) -> n.apply(Param.SIGMA) + " must be finite and > 0 with a square inside the double"
                + " range (about 1.5e-154 to 1.3e154), got " + a[0]),
        SIGMA_OFF_SCALE(ExitCode.USAGE, (n, a) -> n.apply(Param.SIGMA) + " " + a[0] + " is out of scale with the response of "
                + a[1] + " (rescaled by " + a[2] + " to keep its squares finite, sigma^2 would leave the double range)"),
        SYMMETRIC_K(ExitCode.USAGE, (n, a) -> n.apply(Param.K) + " " + a[0] + ": the symmetric model has exactly 2 components (theta, -theta)"),
        SYMMETRIC_SHARED_VARIANCE(ExitCode.USAGE, (n, a) -> n.apply(Param.SHARED_VARIANCE) + ": the symmetric model's variance is the known " + n.apply(Param.SIGMA)),
        INIT_NEEDS_SYMMETRIC(ExitCode.USAGE, (n, a) -> n.apply(Param.INIT) + " " + a[0] + " applies to " + n.apply(Param.MODEL)
                + " symmetric; mixture fits use the starts of MultiStart (" + n.apply(Param.STARTS) + ", " + n.apply(Param.SEED) + ")"),
        NOT_AT_LEAST(ExitCode.USAGE, (n, a) -> n.apply((Param) a[0]) + " must be >= " + a[1] + ", got " + a[2]),
        NEEDS_MIXTURE(ExitCode.USAGE, (n, a) -> n.apply(Param.K) + " ranges, " + n.apply(Param.FIXED_WEIGHTS) + " and "
                + n.apply(Param.LABELS_COLUMN) + " apply to " + n.apply(Param.MODEL) + " mixture"),
        NEEDS_CLUSTERED(ExitCode.USAGE, (n, a) -> n.apply(Param.K) + " ranges, " + n.apply(Param.FIXED_WEIGHTS) + " and "
                + n.apply(Param.LABELS_COLUMN) + " need " + n.apply(Param.ALGORITHM) + " clustered (one label per node)"),
        FIXED_WEIGHT_RANGE(ExitCode.USAGE, (n, a) -> n.apply(Param.FIXED_WEIGHTS) + " must lie in (0, 1), got " + a[0]),
        FIXED_WEIGHTS_SUM(ExitCode.USAGE, (n, a) -> n.apply(Param.FIXED_WEIGHTS) + " must sum to 1, got " + a[0]),
        FIXED_WEIGHTS_COUNT(ExitCode.USAGE, (n, a) -> n.apply(Param.FIXED_WEIGHTS) + " gives " + a[0] + " weights: it needs a single "
                + n.apply(Param.K) + " equal to that number, got " + n.apply(Param.K) + " " + a[1]),
        VARIANCE_RATIO_RANGE(ExitCode.USAGE, (n, a) -> n.apply(Param.MIN_VARIANCE_RATIO) + " must lie in [0, 1) (0 disables the bound), got " + a[0]),
        ROWS_PER_PARAMETER_RANGE(ExitCode.USAGE, (n, a) -> n.apply(Param.MIN_ROWS_PER_PARAMETER) + " must be finite and >= 0 (0 disables the bound), got " + a[0]),
        MIN_WEIGHT_RANGE(ExitCode.USAGE, (n, a) -> n.apply(Param.MIN_WEIGHT) + " must lie in [0, 1), got " + a[0]),
        LRT_REPLICATES(ExitCode.USAGE, (n, a) -> n.apply(Param.LRT_BOOTSTRAP) + " must be 0 (off) or >= " + a[0]
                + " replicates, got " + a[1]),
        LRT_NEEDS_RANGE(ExitCode.USAGE, (n, a) -> n.apply(Param.LRT_BOOTSTRAP) + " tests K against K + 1 over a "
                + n.apply(Param.K) + " range of " + n.apply(Param.MODEL) + " mixture with " + n.apply(Param.ALGORITHM)
                + " clustered, got " + n.apply(Param.K) + " " + a[0]),
        TOO_FEW_ROWS(ExitCode.DATA_INSUFFICIENT, (n, a) -> a[0] + ": " + a[1] + " rows cannot determine " + a[2] + " coefficients " + a[3]),
        K_EXCEEDS_UNITS(ExitCode.DATA_INSUFFICIENT, (n, a) -> n.apply(Param.K) + " " + a[0] + " is larger than the number of "
                + a[1] + " (" + a[2] + ") in " + a[3]),
        SYMMETRIC_NEEDS_TWO_NODES(ExitCode.DATA_INSUFFICIENT, (n, a) -> a[0] + ": the symmetric model needs at least 2 nodes, found " + a[1]),
        NODE_TOO_FEW_ROWS(ExitCode.DATA_INSUFFICIENT, (n, a) -> a[0] + ": " + a[1] + " has " + a[2] + " row" + ("1".equals(String.valueOf(a[2])) ? "" : "s")
                + " but " + n.apply(Param.INIT) + " lsq (per-node least squares) needs at least " + a[3] + " (the number of features)"),
        LABELS_COLUMN_MISSING(ExitCode.DATA_FORMAT, (n, a) -> a[0] + ": no column '" + a[1] + "' (" + n.apply(Param.LABELS_COLUMN)
                + ") in the header " + a[2]),
        SQUARES_OVERFLOW(ExitCode.DATA_FORMAT, (n, a) -> a[0] + ": column '" + a[1] + "': its sum of squares overflows: some"
                + " values are too large (above about 1e154) beside ordinary ones; check the column for a misplaced value"),
        RESPONSE_ALL_ZERO(ExitCode.DATA_INSUFFICIENT, (n, a) -> a[0] + ": the response column '" + a[1]
                + "' is 0 on every row: there is nothing to fit"),
        FORMULA_SYNTAX(ExitCode.USAGE, (n, a) -> n.apply(Param.FORMULA) + ": " + a[0]),
        FIXED_SYNTAX(ExitCode.USAGE, (n, a) -> n.apply(Param.FIXED) + ": " + a[0]),
        FIXED_NEEDS_MIXTURE(ExitCode.USAGE, (n, a) -> n.apply(Param.FIXED) + " (coefficients shared by all components) applies to "
                + n.apply(Param.MODEL) + " mixture"),
        FIXED_NEEDS_FORMULA(ExitCode.USAGE, (n, a) -> n.apply(Param.FIXED) + " needs data read with a " + n.apply(Param.FORMULA)
                + " (its terms are formula terms); " + a[0] + " has none"),
        CONCOMITANT_SYNTAX(ExitCode.USAGE, (n, a) -> n.apply(Param.CONCOMITANT) + ": " + a[0]),
        CONCOMITANT_DATA(ExitCode.DATA_FORMAT, (n, a) -> a[0] + ": " + n.apply(Param.CONCOMITANT) + ": " + a[1]),
        CONCOMITANT_EXCLUDES(ExitCode.USAGE, (n, a) -> n.apply(Param.CONCOMITANT) + " (a model of the mixing weights) cannot"
                + " be combined with " + n.apply((Param) a[0]) + " " + a[1]),
        CONCOMITANT_NEEDS_FILE(ExitCode.USAGE, (n, a) -> n.apply(Param.CONCOMITANT) + " reads its covariates from the data"
                + " file's columns: give a CSV source"),
        LABEL_EXCEEDS_K(ExitCode.DATA_INSUFFICIENT, (n, a) -> n.apply(Param.LABELS_COLUMN) + " names component " + a[0] + " but "
                + n.apply(Param.K) + " " + a[1] + " starts at " + a[2]);

        private final ExitCode exitCode;
        private final Template template;

        Reason(ExitCode exitCode, Template template) {
            this.exitCode = exitCode;
            this.template = template;
        }

        /** The exit code the command line documents for this reason. */
        public ExitCode exitCode() { return exitCode; }
    }

    private final Reason reason;
    private final Object[] args;

    InvalidModelException(Reason reason, Object... args) {
        super(reason.exitCode(), reason.template.render(Param::apiName, args));
        this.reason = reason;
        this.args = args.clone();
    }

    public Reason reason() { return reason; }

    /** The values the message is made of, in template order (numbers, names, parameters). */
    public List<Object> args() { return Arrays.asList(args.clone()); }

    /** The message with parameters named by {@code names} (e.g. command-line options). */
    public String render(Function<Param, String> names) {
        return reason.template.render(names, args);
    }
}
