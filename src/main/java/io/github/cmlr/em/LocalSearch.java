package io.github.cmlr.em;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.linalg.Dense;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Local search from a converged grouped fit, for likelihoods with many local maxima (few nodes
 * with many rows each: every node's posterior is nearly 0 or 1, so EM keeps nodes where they
 * are). Two kinds of move, each made on the fit's hard partition (every node in its most likely
 * component), screened by a short EM run, the best ({@link #SPLIT_MERGE_FULL_RUNS} split-merges,
 * {@link #FLIP_FULL_RUNS} flip) run to convergence:
 *
 * <ul>
 *   <li>split-merge (after Ueda et al. 2000): merge components a and b, split component c in two
 *       ({@link Starts#splitPartition}); every (a, b, c), K(K-1)^2/2 moves;</li>
 *   <li>node flips: each of the {@link #FLIPS} nodes whose two most likely components are nearest
 *       in posterior moves to its second one, when it fits that one better once the components'
 *       least squares include the move ({@link #flips}).</li>
 * </ul>
 *
 * A move is kept when its full run ends above the fit it left; moves are repeated from the new
 * fit up to {@link #SPLIT_MERGE_ROUNDS} and {@link #FLIP_ROUNDS} times, a family ending after a
 * round that gained less than {@link #MIN_GAIN}. Deterministic given the
 * seed. Needs node units (posteriors per node); otherwise it leaves the fit as it is. Moves whose
 * runs lose a component or stop at a degenerate one (policy stop) are not kept.
 */
final class LocalSearch {
    static final int SPLIT_MERGE_ROUNDS = 5;
    static final int FLIP_ROUNDS = 10;
    static final int FLIPS = 20;
    static final int SPLIT_MERGE_STEPS = 5;
    static final int FLIP_STEPS = 3;
    static final int SPLIT_MERGE_FULL_RUNS = 2;
    /** One: a flip round's candidates differ by a node each, so their short runs rank them well enough. */
    static final int FLIP_FULL_RUNS = 1;
    /**
     * A round that gains less than this (log-likelihood units) is a family's last: on a flat
     * likelihood (K above the data's, many nodes) each further round costs full runs for less.
     */
    static final double MIN_GAIN = 0.1;

    /** An improved fit and how it was reached. */
    record Move(FitResult fit, String kind) {}

    private final UnitOps units;
    private final NodeStats stats;
    private final int k;
    private final MixtureOptions options;
    private final StoppingRule rule;
    private final Starts.NodeEstimates estimates;

    LocalSearch(UnitOps units, NodeStats stats, int k, MixtureOptions options, StoppingRule rule) {
        this.units = units;
        this.stats = stats;
        this.k = k;
        this.options = options;
        this.rule = rule;
        this.estimates = Starts.NodeEstimates.of(stats);
    }

    /** The improvements found from {@code start}, in order (each better than the one before); empty when none. */
    List<Move> improve(FitResult start, long seed) {
        List<Move> out = new ArrayList<>();
        if (k < 2 || start.posteriors() == null || start.posteriors().length != stats.nodes() * k) return out;
        FitResult cur = start;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int round = 0; round < SPLIT_MERGE_ROUNDS; round++) {
            FitResult next = best(starts(splitMerges(hardLabels(cur), rng)), SPLIT_MERGE_STEPS, SPLIT_MERGE_FULL_RUNS);
            if (!better(next, cur)) break;
            boolean small = next.logLik() - cur.logLik() < MIN_GAIN;
            out.add(new Move(cur = next, "split-merge " + (round + 1)));
            if (small) break;
        }
        for (int round = 0; round < FLIP_ROUNDS; round++) {
            FitResult next = best(flips(cur), FLIP_STEPS, FLIP_FULL_RUNS);
            if (!better(next, cur)) break;
            boolean small = next.logLik() - cur.logLik() < MIN_GAIN;
            out.add(new Move(cur = next, "node flips " + (round + 1)));
            if (small) break;
        }
        return out;
    }

    /** Every merge of two components with a split of one of the others (or of the merged one). */
    private List<int[]> splitMerges(int[] labels, SplittableRandom rng) {
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                int[] merged = labels.clone();
                for (int j = 0; j < merged.length; j++) if (merged[j] == b) merged[j] = a;
                for (int c = 0; c < k; c++) {
                    if (c == b) continue;
                    int[] p = Starts.splitPartition(stats, estimates, merged, c, b, rng);
                    if (p != null) out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * Starts from the fit's partition with one of its most ambiguous nodes moved to its second most
     * likely component: the partition's least-squares parameters ({@link GroupSums#moved}, no pass
     * over the data). A move is kept only when the moved node fits its new component better under
     * them; otherwise EM's first E-step sends it back, which is what happens to every node of a fit
     * over many nodes, where one node barely moves a component.
     */
    List<MixtureParams> flips(FitResult fit) {
        double[] g = fit.posteriors();
        int m = stats.nodes();
        int[] labels = hardLabels(fit);
        int[] second = new int[m];
        double[] margin = new double[m];
        Integer[] order = new Integer[m];
        for (int j = 0; j < m; j++) {
            order[j] = j;
            int s = -1;
            for (int c = 0; c < k; c++) if (c != labels[j] && (s < 0 || g[j * k + c] > g[j * k + s])) s = c;
            second[j] = s;
            margin[j] = Math.log(g[j * k + labels[j]] + 1e-300) - Math.log(g[j * k + s] + 1e-300);
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(margin[x], margin[y])); // stable: ties by node
        GroupSums sums = GroupSums.of(stats, labels, k);
        List<MixtureParams> out = new ArrayList<>();
        for (int t = 0; t < Math.min(FLIPS, m); t++) {
            int j = order[t];
            MixtureParams p = sums.moved(j, labels[j], second[j]).params();
            if (logDensity(j, p, second[j]) > logDensity(j, p, labels[j])) out.add(MultiStart.withOptions(p, options));
        }
        return out;
    }

    /** log pi_c + log N(y_j | X_j beta_c, sigma_c^2 I) of node j under p (the known variance when given). */
    private double logDensity(int j, MixtureParams p, int c) {
        int d = stats.dim();
        double[] beta = p.betaFlat();
        double s2 = options.knownSigma2() != null ? options.knownSigma2()[c] : p.sigma2(c);
        double rss = stats.yty()[j] - 2 * Dense.dot(stats.xty(), j * d, beta, c * d, d) + stats.quadForm(j, beta, c * d);
        double n = stats.counts()[j];
        return Math.log(p.weight(c)) - 0.5 * n * Math.log(2 * Math.PI * s2) - Math.max(rss, 0.0) / (2 * s2);
    }

    private List<MixtureParams> starts(List<int[]> partitions) {
        List<MixtureParams> out = new ArrayList<>();
        for (int[] p : partitions) out.add(MultiStart.withOptions(Starts.fromPartition(stats, p, k), options));
        return out;
    }

    /** Short runs from every start, the best {@code fullRuns} to convergence; the best that kept K components, or null. */
    private FitResult best(List<MixtureParams> starts, int steps, int fullRuns) {
        StoppingRule brief = rule.brief(steps);
        List<FitResult> shortRuns = new ArrayList<>();
        for (MixtureParams p : starts) {
            FitResult f = run(p, brief);
            if (f != null) shortRuns.add(f);
        }
        shortRuns.sort((x, y) -> Double.compare(y.logLik(), x.logLik())); // stable: ties in move order
        FitResult best = null;
        for (int i = 0; i < Math.min(fullRuns, shortRuns.size()); i++) {
            FitResult f = run(shortRuns.get(i).params(), rule);
            if (f != null && (best == null || f.logLik() > best.logLik())) best = f;
        }
        return best;
    }

    /** EM from a start; null when it lost a component, stopped at a degenerate one, or every component degenerated. */
    private FitResult run(MixtureParams start, StoppingRule r) {
        try {
            FitResult f = MixtureEm.run(units, start, options, r, null);
            return f.params().components() == k && f.reason() != StopReason.DEGENERATE ? f : null;
        } catch (CmlrException e) {
            if (e.exitCode() != ExitCode.FIT_FAILED) throw e;
            return null;
        }
    }

    private static boolean better(FitResult next, FitResult cur) {
        return next != null && next.logLik() > cur.logLik() + 1e-9 * Math.abs(cur.logLik());
    }

    /** Every node's most likely component (ties: the lower index). */
    int[] hardLabels(FitResult fit) {
        return hardLabels(fit.posteriors(), stats.nodes(), k);
    }

    static int[] hardLabels(double[] posteriors, int nodes, int k) {
        int[] labels = new int[nodes];
        for (int j = 0; j < nodes; j++) {
            for (int c = 1; c < k; c++) if (posteriors[j * k + c] > posteriors[j * k + labels[j]]) labels[j] = c;
        }
        return labels;
    }
}
