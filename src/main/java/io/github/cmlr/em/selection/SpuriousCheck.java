package io.github.cmlr.em.selection;

import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names the components of a fit that look like the degenerate maxima of the mixture likelihood:
 * a component that owns a single node (expected nodes sum_j gamma_jk below 1.5: its estimates
 * rest on one group's rows), and a component whose variance sits at the variance-ratio bound
 * (the unconstrained maximum would shrink it further). Such a component may be real, but a
 * choice of K that rests on it deserves a second look.
 */
public final class SpuriousCheck {
    /** A component owns a single node when its expected node count is below this. */
    public static final double SINGLE_NODE = 1.5;
    /** Relative slack for "at the bound". */
    private static final double AT_BOUND = 1e-6;

    private SpuriousCheck() {}

    /**
     * @param gamma posteriors of the fit, per unit (per node when {@code gamma.length == nodes * K};
     *              per row otherwise, and then the single-node check is skipped)
     * @return one sentence per suspicious component, naming it (from 1); empty when none
     */
    public static List<String> check(MixtureParams p, double[] gamma, NodeStats stats, MixtureOptions options) {
        int k = p.components();
        List<String> out = new ArrayList<>();
        if (k < 2) return out;
        boolean perNode = gamma != null && gamma.length == stats.nodes() * k;
        double ratio = options == null ? 0 : options.bounds().minVarianceRatio();
        double maxVar = 0;
        for (int c = 0; c < k; c++) maxVar = Math.max(maxVar, p.sigma2(c));
        for (int c = 0; c < k; c++) {
            if (perNode) singleNode(c, k, gamma, stats).ifPresent(out::add);
            boolean shared = options != null && (options.sharedVariance() || options.knownSigma2() != null);
            if (ratio > 0 && !shared && p.sigma2(c) < maxVar && p.sigma2(c) <= ratio * maxVar * (1 + AT_BOUND)) {
                out.add(String.format(Locale.ROOT, "component %d: variance %.3g is at the bound minVarianceRatio %.3g x the"
                        + " largest variance %.3g (without the bound it would shrink further: a likely spurious component)",
                        c + 1, p.sigma2(c), ratio, maxVar));
            }
        }
        return out;
    }

    private static java.util.Optional<String> singleNode(int c, int k, double[] gamma, NodeStats stats) {
        double nodes = 0;
        double rows = 0;
        int owner = 0;
        for (int j = 0; j < stats.nodes(); j++) {
            double g = gamma[j * k + c];
            nodes += g;
            rows += g * stats.counts()[j];
            if (g > gamma[owner * k + c]) owner = j;
        }
        if (!(nodes < SINGLE_NODE)) return java.util.Optional.empty();
        return java.util.Optional.of(String.format(Locale.ROOT, "component %d owns a single node (node '%s', %.0f rows;"
                + " expected nodes %.2f, rows %.1f): its estimates rest on one group's rows", c + 1, stats.nodeId(owner),
                stats.counts()[owner], nodes, rows));
    }
}
