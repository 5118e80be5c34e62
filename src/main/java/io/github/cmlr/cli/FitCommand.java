package io.github.cmlr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.em.DegeneracyPolicy;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.selection.KRange;
import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.MemoryBudget;
import io.github.cmlr.util.OutputFiles;
import io.github.cmlr.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cmlr fit}: reads CSV data, fits the symmetric model (sigma known) or the general
 * K-component mixture with the clustered (node-level labels, streaming statistics) or the
 * standard (row-level labels, rows in memory) algorithm, and writes a JSON report and optional
 * posteriors. Outputs appear whole at the end or not at all.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fits the symmetric or general grouped model to CSV data (.csv or .csv.gz).")
public final class FitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA", description = "CSV file with a header line (.csv or .csv.gz).")
    Path data;

    @Option(names = "--node-col", defaultValue = "node", paramLabel = "NAME", description = "Node (group) column. Default: ${DEFAULT-VALUE}.")
    String nodeColumn;

    @Option(names = "--y-col", defaultValue = "y", paramLabel = "NAME", description = "Response column. Default: ${DEFAULT-VALUE}.")
    String responseColumn;

    @Option(names = "--x-cols", split = ",", paramLabel = "a,b,...", hideParamSyntax = true,
            description = "Feature columns in this order. Default: every other column except --label-col.")
    List<String> featureColumns;

    @Option(names = "--label-col", defaultValue = "label", paramLabel = "NAME",
            description = "Column of true labels, never a feature by default (ignored when absent). Default: ${DEFAULT-VALUE}.")
    String labelColumn;

    @Option(names = "--intercept", description = "Prepend a column of ones named (intercept).")
    boolean intercept;

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

    @Option(names = "--out", required = true, paramLabel = "REPORT.json", description = "JSON report.")
    Path out;

    @Option(names = "--posteriors", paramLabel = "FILE.csv", description = "Per-node (standard: per-row) posterior weights as CSV.")
    Path posteriors;

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Mixin
    RealDataOptions realData = new RealDataOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        FitSettings s = settings();
        Progress p = progressOptions.create(spec.commandLine().getErr());
        try (Backend b = backend.open()) {
            FitInput in = FitInput.load(s, b, p);
            FitChecks.beforeFit(s, in);
            FitOutcome outcome = FitRunner.run(s, in, b, p, realData);
            ObjectNode report = FitReport.build(s, in, outcome, b.description(), System.nanoTime() - t0);
            RealDataOptions.addSections(report, outcome.realData(), in.info().featureNames());
            writeOutputs(s, in, outcome, report);
        }
        return ExitCode.OK.code();
    }

    /** Posteriors first, the report last; if the report cannot be written the posteriors go too. */
    static void writeOutputs(FitSettings s, FitInput in, FitOutcome outcome, ObjectNode report) {
        if (s.posteriors() != null) PosteriorCsv.write(s.posteriors(), outcome, s.symmetric(), in.stats(), in.dataset());
        try {
            AtomicFiles.write(s.out(), os -> FitReport.JSON.writeValue(os, report));
        } catch (RuntimeException e) {
            if (s.posteriors() != null) deleteQuietly(s.posteriors());
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the report failure is the error to show
        }
    }

    /** Validates the options; each failure is a usage error naming the option. */
    FitSettings settings() {
        FitSettings.Model m = choice(FitSettings.Model.class, "--model", model);
        FitSettings.Algorithm a = choice(FitSettings.Algorithm.class, "--algorithm", algorithm);
        FitSettings.Init i = choice(FitSettings.Init.class, "--init", init);
        DegeneracyPolicy policy = choice(DegeneracyPolicy.class, "--degenerate", degenerate);
        KRange range = KRange.parse(k, "--k");
        if (backend.threads != null && backend.threads < 1) usage("--threads must be >= 1, got " + backend.threads);
        realData.range = range;
        realData.validate(m == FitSettings.Model.SYMMETRIC, a == FitSettings.Algorithm.CLUSTERED);
        if (sigma != null && !(sigma > 0 && Double.isFinite(sigma))) usage("--sigma must be finite and > 0, got " + sigma);
        boolean symmetric = m == FitSettings.Model.SYMMETRIC;
        if (symmetric) {
            if (sigma == null) usage("--model symmetric needs the noise sd: give --sigma");
            if (range.max() != 2) usage("--k " + k + ": the symmetric model has exactly 2 components (theta, -theta)");
            if (sharedVariance) usage("--shared-variance: the symmetric model's variance is the known --sigma");
        } else if (i != FitSettings.Init.AUTO) {
            usage("--init " + init + " applies to --model symmetric; mixture fits use the starts of MultiStart (--starts, --seed)");
        }
        int n = starts != null ? starts : symmetric ? 1 : 10;
        if (n < 1) usage("--starts must be >= 1, got " + n);
        MemoryBudget.require(MemoryBudget.product(64, n), "--starts " + n + " (a log-likelihood and a description per start)");
        if (maxIter < 0) usage("--max-iter must be >= 0, got " + maxIter);
        if (!(tolParam >= 0)) usage("--tol-param must be >= 0, got " + tolParam);
        if (!(tolLogLik >= 0)) usage("--tol-loglik must be >= 0, got " + tolLogLik);
        if (featureColumns != null && featureColumns.stream().anyMatch(String::isEmpty)) usage("--x-cols has an empty column name");
        if (posteriors != null && posteriors.toAbsolutePath().equals(out.toAbsolutePath())) {
            usage("--posteriors and --out name the same file");
        }
        OutputFiles.check().input("DATA", data).output("--out", out).output("--posteriors", posteriors).requireDistinct();
        String labels = realData.labelsColumn != null ? realData.labelsColumn : labelColumn;
        CsvOptions csv = new CsvOptions(nodeColumn, responseColumn, featureColumns, labels, intercept);
        StoppingRule rule = new StoppingRule(maxIter, tolParam, tolLogLik, Double.NaN);
        return new FitSettings(data, csv, m, a, range.max(), sigma, sharedVariance, n, seed, rule, i, policy, out, posteriors);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) return e;
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        throw new CmlrException(ExitCode.USAGE, option + " must be one of " + allowed + ", got '" + value + "'");
    }

    private static void usage(String message) {
        throw new CmlrException(ExitCode.USAGE, message);
    }
}
