package io.github.cmlr.em.selection;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.em.MixtureEm;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.inference.NodeBootstrap;
import io.github.cmlr.em.inference.NodePriors;
import io.github.cmlr.em.inference.ParameterLayout;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.Locale;

/**
 * The general model's fit: model selection over a K range (multi-start EM per K), then
 * standard errors of the chosen fit (analytic from the observed information, a node bootstrap,
 * or none). Standard errors need node units; over sample units (standard EM) ask for NONE.
 */
public final class GroupedFit {

    /** How standard errors are computed. */
    public enum ErrorMethod {
        ANALYTIC, BOOTSTRAP, NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param options    EM options (fixed weights only with a single K; fixed labels 0-based, -1 unknown)
     * @param bootstrap  replicates when {@code errors} is BOOTSTRAP
     */
    public record Request(KRange k, int starts, long seed, MixtureOptions options, StoppingRule rule, Criterion criterion,
                          ErrorMethod errors, int bootstrap, int threads) {}

    /**
     * The selection and the chosen fit's standard errors (null for method NONE); with BOOTSTRAP,
     * {@code analytic} holds the observed-information errors of the same fit for comparison
     * (cheap: from the per-node statistics), else null.
     */
    public record Outcome(ModelSelection.Result selection, StandardErrors errors, StandardErrors analytic) {}

    private GroupedFit() {}

    public static Outcome run(Backend backend, NodeStats stats, Request r) {
        try (UnitOps units = backend.nodeUnits(stats)) {
            return run(units, backend, stats, r);
        }
    }

    /**
     * @param units   node units of {@code stats}, or sample units with errors NONE (e.g. wrapped to show progress); not closed here
     * @param backend opens the units of bootstrap resamples
     */
    public static Outcome run(UnitOps units, Backend backend, NodeStats stats, Request r) {
        ModelSelection.Result sel = ModelSelection.run(units, stats, r.k(), r.starts(), r.seed(), r.options(), r.rule(),
                r.criterion());
        MixtureParams p = sel.chosen().params();
        MixtureOptions options = ModelSelection.forK(r.options(), sel.chosenK());
        ParameterLayout layout = ModelSelection.layoutOf(p.components(), stats.dim(), options);
        int[] labels = options.fixedLabels();
        double[] gamma = sel.chosen().fit().best().concomitant();
        NodePriors priors = gamma == null ? null : new NodePriors(options.concomitant(), gamma);
        if (priors != null && r.errors() == ErrorMethod.BOOTSTRAP) {
            throw new IllegalArgumentException("bootstrap errors of a concomitant model are not implemented");
        }
        StandardErrors se = switch (r.errors()) {
            case NONE -> null;
            case ANALYTIC -> StandardErrors.analytic(stats, p, layout, labels, r.threads(), priors);
            case BOOTSTRAP -> NodeBootstrap.run(stats, labels, p, layout, r.bootstrap(), r.seed(),
                    refitter(backend, options, r.rule()));
        };
        StandardErrors analytic = r.errors() == ErrorMethod.BOOTSTRAP
                ? StandardErrors.analytic(stats, p, layout, labels, r.threads()) : null;
        return new Outcome(sel, se, analytic);
    }

    /** EM from the estimate on the resampled nodes, with their labels; null when it lost a component. */
    static NodeBootstrap.Refitter refitter(Backend backend, MixtureOptions options, StoppingRule rule) {
        return (stats, labels, start) -> {
            try (UnitOps units = backend.nodeUnits(stats)) {
                MixtureParams p = MixtureEm.run(units, start, options.withFixedLabels(labels), rule, null).params();
                return p.components() == start.components() ? p : null;
            } catch (RuntimeException e) {
                return null;
            }
        };
    }
}
