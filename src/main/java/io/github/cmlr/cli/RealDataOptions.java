package io.github.cmlr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.selection.Criterion;
import io.github.cmlr.em.selection.GroupedFit;
import io.github.cmlr.em.selection.KRange;
import io.github.cmlr.em.selection.SelectionReport;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The real-data options of {@code fit} for the clustered mixture: model selection over a K range,
 * standard errors, fixed weights and fixed (semi-supervised) labels. {@link FitCommand} mixes
 * these in; {@link FitRunner} hands the clustered mixture to {@link GroupedFit}.
 */
public final class RealDataOptions {
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

    /** The parsed --k (set by FitCommand). */
    KRange range = new KRange(2, 2);

    Criterion criterion() {
        Criterion c = Criterion.parse(criterion);
        if (c == null) throw usage("--criterion must be bic, aic or icl, got '" + criterion + "'");
        return c;
    }

    GroupedFit.ErrorMethod errorMethod() {
        for (GroupedFit.ErrorMethod m : GroupedFit.ErrorMethod.values()) {
            if (m.label().equals(se.toLowerCase(Locale.ROOT))) return m;
        }
        throw usage("--se must be analytic, bootstrap or none, got '" + se + "'");
    }

    /** Usage checks that need only the command line. */
    void validate(boolean symmetric, boolean grouped) {
        criterion();
        errorMethod();
        boolean asked = !range.single() || fixedWeights != null || labelsColumn != null;
        if (symmetric && asked) throw usage("--k ranges, --fixed-weights and --labels-col apply to --model mixture");
        if (!grouped && asked) throw usage("--k ranges, --fixed-weights and --labels-col need --algorithm clustered (one label per node)");
        if (fixedWeights != null) {
            double sum = 0;
            for (double w : fixedWeights) {
                if (!(w > 0 && w < 1)) throw usage("--fixed-weights must lie in (0, 1), got " + w);
                sum += w;
            }
            if (Math.abs(sum - 1) > 1e-9) throw usage("--fixed-weights must sum to 1, got " + sum);
            if (!range.single() || range.min() != fixedWeights.length) {
                throw usage("--fixed-weights gives " + fixedWeights.length + " weights: it needs a single --k equal to that number, got --k " + range);
            }
        }
        if (bootstrap < 2) throw usage("--bootstrap must be >= 2, got " + bootstrap);
    }

    /**
     * The request for the chosen options; labels are the label column's per-node values
     * (1..K a component, 0 unknown) or null.
     */
    GroupedFit.Request request(FitSettings s, MixtureOptions base, int[] fileLabels, int threads) {
        MixtureOptions o = base;
        if (fixedWeights != null) o = o.withFixedWeights(fixedWeights.clone());
        if (fileLabels != null) {
            int[] fixed = new int[fileLabels.length];
            for (int j = 0; j < fixed.length; j++) fixed[j] = fileLabels[j] > 0 ? fileLabels[j] - 1 : -1;
            o = o.withFixedLabels(fixed);
        }
        return new GroupedFit.Request(range, s.starts(), s.seed(), o, s.rule(), criterion(), errorMethod(), bootstrap, threads);
    }

    /** Runs the request, failing with the option's name when the request does not fit the data. */
    static GroupedFit.Outcome run(UnitOps units, Backend backend, FitInput in, GroupedFit.Request r) {
        List<String> problems = GroupedFit.problems(r, in.stats().nodes());
        if (!problems.isEmpty()) throw new CmlrException(ExitCode.DATA_INSUFFICIENT, String.join("; ", problems));
        return GroupedFit.run(units, backend, in.stats(), r);
    }

    /** Adds "selection" and "standardErrors" to the report. */
    static void addSections(ObjectNode report, GroupedFit.Outcome g, List<String> featureNames) {
        if (g == null) return;
        report.set("selection", SelectionReport.selection(FitReport.JSON, g.selection()));
        if (g.errors() != null) report.set("standardErrors", SelectionReport.standardErrors(FitReport.JSON, g.errors(), featureNames));
    }

    private static CmlrException usage(String m) {
        return new CmlrException(ExitCode.USAGE, m);
    }
}
