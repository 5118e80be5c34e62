package io.github.cmlr.em;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-start EM for the general model without knowledge of the truth, by short-EM (Biernacki,
 * Celeux and Govaert 2003): {@link #CANDIDATES_PER_START} x N candidate starts each get
 * {@link #SHORT_ITERATIONS} EM steps (cheap: a clustered step costs O(m K d^2) whatever the rows),
 * the N with the highest log-likelihood are run to convergence, and the best of those is kept.
 * N is the {@code starts} argument: the number of full runs.
 *
 * <p>The candidates, in order: for K = 2 the spectral split ({@link Starts#spectralPartition});
 * then alternately weighted k-means++ on the per-node estimates ({@link Starts#kMeansPartition},
 * a random partition when fewer than K nodes have one) and a random partition of the nodes
 * ({@link Starts#randomPartition}). Candidate i draws its randomness from the i-th split of
 * {@code new SplittableRandom(seed)}, and runs are sequential, so results depend only on the
 * seed, never on the thread count. When a fit with K - 1 components is given (model selection
 * fits K in increasing order), the first {@link #SPLITS_PER_COMPONENT} x (K - 1) candidates are
 * instead splits of each of its components in turn ({@link Starts#splitPartition} on its hard
 * partition; at K = 2 the spectral split's place is one of them).
 *
 * <p>Candidates that kept all K components rank before those that dropped some; a full run
 * continues a candidate's short run, or, for a candidate that dropped a component, restarts from
 * its partition. A full run that loses a component (a variance collapsing onto a few rows, the
 * spurious maxima short runs tend to favour) is replaced by the next candidate, so up to
 * {@link #MAX_RUNS_PER_START} x N runs are made until N of them keep all K components. The best fit is the one with the highest log-likelihood among full runs that
 * kept all K components; only when every run dropped a component is the best of all taken.
 *
 * <p>Last, unless {@link #SETTLED} full runs agree on the best log-likelihood, {@link LocalSearch}
 * (split-merge moves, then node flips) runs from each of the {@link #SEARCHED_FITS} best distinct
 * full runs, and every improvement it finds joins the runs.
 * It finds the maxima that neither short runs nor full runs from partitions reach on data with
 * few nodes of many rows each (Produc: 48 states of 17 rows, 4 features).
 */
public final class MultiStart {
    /** Two fits "agree" when their log-likelihoods differ by at most this relative amount. */
    public static final double AGREEMENT = 1e-6;
    /** Short-EM candidates per full run. */
    public static final int CANDIDATES_PER_START = 10;
    /** EM steps of each short run. */
    public static final int SHORT_ITERATIONS = 5;
    /** Full runs that lose a component are replaced by the next candidate, up to this many runs per start. */
    public static final int MAX_RUNS_PER_START = 2;
    /** Candidates made by splitting each component of the K - 1 fit, when one is given. */
    public static final int SPLITS_PER_COMPONENT = 2;
    /**
     * Candidates are screened on a uniform random subsample of this many nodes when there are
     * more (as mclust initialises large data on a subset): their ranking needs every component
     * represented, not every node, and the screen was most of a large fit's time. The chosen
     * candidates then run to convergence on all nodes.
     */
    public static final int SCREEN_NODES = 2000;
    /**
     * A subsample holds at least this many rows per coefficient of the K components (more nodes
     * than {@link #SCREEN_NODES} when nodes are small and K d large), so that every component's
     * least squares on it is well determined.
     */
    public static final int SCREEN_ROWS_PER_COEFFICIENT = 20;
    /** Added to the seed for the subsample's draw, so the candidates' own streams are the same with and without one. */
    private static final long SUBSAMPLE_STREAM = 0x5CEE_7ED5_0B5E_7L;
    /** Full runs (distinct optima, best first) that local search starts from. */
    public static final int SEARCHED_FITS = 3;
    /** Local search is skipped when this many full runs agree on the best log-likelihood (the search has settled). */
    public static final int SETTLED = 3;

    /**
     * @param best           the fit with the highest log-likelihood
     * @param startsAtBest   how many full runs reached it (within a relative 1e-6): a trust measure
     * @param allLogLiks     final log-likelihood of every full run, in run order (-infinity for a
     *                       run whose every component degenerated)
     * @param startKinds     per full run, how its start was made: "spectral", "kmeans++" or
     *                       "random" and the candidate's number (with the reason appended for a
     *                       failed run, and the components kept for a run that dropped some)
     * @param candidates     short-EM candidates screened (0 when starts were run in full directly)
     * @param screenedNodes  nodes the candidates were screened on: every node, or a random subsample
     *                       of at least {@link #SCREEN_NODES}; 0 when none were screened
     */
    public record Result(FitResult best, int startsAtBest, double[] allLogLiks, String[] startKinds, int candidates,
                         int screenedNodes) {
        public Result(FitResult best, int startsAtBest, double[] allLogLiks, String[] startKinds) {
            this(best, startsAtBest, allLogLiks, startKinds, 0, 0);
        }

        /** The same outcome with other fits and log-likelihoods (e.g. in other units). */
        public Result with(FitResult newBest, double[] newLogLiks) {
            return new Result(newBest, startsAtBest, newLogLiks, startKinds, candidates, screenedNodes);
        }
    }

    /** A screened candidate: its partition's parameters, its short run (null when it failed), how it was made. */
    private record Candidate(int index, String kind, MixtureParams start, FitResult shortRun) {
        double score() {
            return shortRun == null ? Double.NEGATIVE_INFINITY : shortRun.logLik();
        }

        boolean full(int k) {
            return shortRun != null && shortRun.params().components() == k;
        }
    }

    private MultiStart() {}

    /**
     * The warning to give when only one of several full runs reached the best log-likelihood
     * (the optimum found may not be the global one), or null.
     */
    public static String trustWarning(Result r) {
        int runs = r.allLogLiks().length;
        if (runs < 2 || r.startsAtBest() > 1) return null;
        return "only 1 of " + runs + " starts reached the best log-likelihood (K = " + r.best().params().components()
                + " components kept): the optimum may not be the global one; rerun with more starts or another seed";
    }

    /**
     * @param starts full EM runs (each from one of the best short-EM candidates)
     * @param stats  per-node statistics used to build the starts (also when units are samples)
     */
    public static Result fit(UnitOps units, NodeStats stats, int components, int starts, long seed,
                             MixtureOptions options, StoppingRule rule) {
        return fit(units, stats, components, starts, seed, options, rule, null);
    }

    /**
     * As {@link #fit(UnitOps, NodeStats, int, int, long, MixtureOptions, StoppingRule)}, with the
     * best fit of K - 1 components on the same units, whose components the first candidates
     * split; null (or a fit of another size, or over sample units) for none.
     */
    public static Result fit(UnitOps units, NodeStats stats, int components, int starts, long seed,
                             MixtureOptions options, StoppingRule rule, FitResult smaller) {
        if (starts < 1) throw new IllegalArgumentException("starts must be >= 1");
        if (components > stats.nodes()) {
            throw new CmlrException(ExitCode.DATA_INSUFFICIENT,
                    "K = " + components + " is larger than the number of nodes (" + stats.nodes() + ")");
        }
        if (components == 1) return single(units, stats, options, rule);
        int[] parent = smallerLabels(smaller, stats, components);
        Screen sample = Screen.of(units, stats, components, seed);
        List<Candidate> screened;
        try {
            screened = screen(sample.units(), sample.stats(), components, starts * CANDIDATES_PER_START, seed,
                    sample.options(options), rule, sample.labels(parent));
        } finally {
            sample.close();
        }
        List<FitResult> fits = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        CmlrException lastFailure = null;
        int kept = 0;
        for (int i = 0; i < screened.size() && kept < starts && fits.size() < MAX_RUNS_PER_START * starts; i++) {
            Candidate c = screened.get(i);
            String kind = c.kind() + " (candidate " + (c.index() + 1) + ")";
            MixtureParams from = c.full(components) ? c.shortRun().params() : withOptions(c.start(), options);
            try {
                FitResult f = MixtureEm.run(units, from, options, rule, null);
                if (f.params().components() == components) kept++;
                fits.add(f);
            } catch (CmlrException e) {
                if (e.exitCode() != ExitCode.FIT_FAILED) throw e;
                lastFailure = e; // every component of this start degenerated: other starts may do better
                kind += " (failed: " + e.getMessage() + ")";
                fits.add(null);
            }
            kinds.add(kind);
        }
        if (fits.stream().allMatch(f -> f == null)) throw lastFailure;
        if (units.units() == stats.nodes()) search(units, stats, components, seed, options, rule, fits, kinds);
        Result r = summarise(fits, kinds.toArray(new String[0]), components);
        return new Result(r.best(), r.startsAtBest(), r.allLogLiks(), r.startKinds(), screened.size(), sample.stats().nodes());
    }

    /**
     * K = 1: the log-likelihood has one maximum (the pooled least squares), which every start
     * reaches, so one run from the pooled fit is the fit; no candidates are screened.
     */
    private static Result single(UnitOps units, NodeStats stats, MixtureOptions options, StoppingRule rule) {
        MixtureParams start = withOptions(Starts.fromPartition(stats, new int[stats.nodes()], 1), options);
        FitResult f = MixtureEm.run(units, start, options, rule, null);
        return new Result(f, 1, new double[] {f.logLik()}, new String[] {ONE_COMPONENT});
    }

    /** The start kind of a K = 1 fit. */
    public static final String ONE_COMPONENT = "pooled least squares (K = 1 has a single maximum: one run)";

    /**
     * {@link LocalSearch} from the {@link #SEARCHED_FITS} best distinct full runs that kept all K
     * components and did not stop at a degenerate one (the i-th with seed {@code seed + i}),
     * unless {@link #SETTLED} of them agree on the best; appends its improvements to the runs.
     */
    private static void search(UnitOps units, NodeStats stats, int k, long seed, MixtureOptions options, StoppingRule rule,
                               List<FitResult> fits, List<String> kinds) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) {
            FitResult f = fits.get(i);
            if (f != null && f.params().components() == k && f.reason() != StopReason.DEGENERATE) order.add(i);
        }
        order.sort((a, b) -> Double.compare(fits.get(b).logLik(), fits.get(a).logLik()));
        if (order.isEmpty() || agreeing(fits, order) >= SETTLED) return;
        LocalSearch search = new LocalSearch(units, stats, k, options, rule);
        List<Double> searched = new ArrayList<>();
        for (int i : order) {
            double ll = fits.get(i).logLik();
            if (searched.size() == SEARCHED_FITS) break;
            if (searched.stream().anyMatch(v -> Math.abs(v - ll) <= AGREEMENT * Math.abs(v))) continue;
            searched.add(ll);
            for (LocalSearch.Move m : search.improve(fits.get(i), seed + searched.size())) {
                fits.add(m.fit());
                kinds.add(m.kind() + " from run " + (i + 1));
            }
        }
    }

    /** How many of the runs {@code order} (best first) agree with the first. */
    private static int agreeing(List<FitResult> fits, List<Integer> order) {
        double top = fits.get(order.get(0)).logLik();
        int agree = 0;
        for (int i : order) if (Math.abs(fits.get(i).logLik() - top) <= AGREEMENT * Math.abs(top)) agree++;
        return agree;
    }

    /**
     * The nodes candidates are screened on: all of them, or {@link MultiStart#subsampleSize} of
     * them drawn uniformly without replacement (in node order) when that is fewer and the units
     * can be made for them. Depends on the seed, K and the data's shape alone.
     *
     * @param nodes the subsample's node indices, or null for every node
     */
    private record Screen(UnitOps units, NodeStats stats, int[] nodes) implements AutoCloseable {
        static Screen of(UnitOps units, NodeStats stats, int k, long seed) {
            int m = stats.nodes();
            int size = subsampleSize(m, stats.totalCount(), k, stats.dim());
            if (size >= m || units.units() != m) return new Screen(units, stats, null);
            int[] pick = java.util.Arrays.copyOf(Starts.permutation(m, new SplittableRandom(seed + SUBSAMPLE_STREAM)), size);
            java.util.Arrays.sort(pick);
            NodeStats sub = stats.subset(pick);
            UnitOps subUnits = units.forNodes(sub);
            return subUnits == null ? new Screen(units, stats, null) : new Screen(subUnits, sub, pick);
        }

        /** The subsample's labels of a labelling of every node (null stays null). */
        int[] labels(int[] all) {
            if (all == null || nodes == null) return all;
            int[] out = new int[nodes.length];
            for (int i = 0; i < nodes.length; i++) out[i] = all[nodes[i]];
            return out;
        }

        /** The options with the per-node ones (known labels, concomitant covariates) of the subsample's nodes. */
        MixtureOptions options(MixtureOptions all) {
            if (nodes == null) return all;
            MixtureOptions o = all.fixedLabels() == null ? all : all.withFixedLabels(labels(all.fixedLabels()));
            return all.concomitant() == null ? o : o.withConcomitant(all.concomitant().subset(nodes));
        }

        /** Releases the subsample's units (not the caller's). */
        @Override
        public void close() {
            if (nodes != null) units.close();
        }
    }

    /**
     * The nodes of a screening subsample of m nodes holding {@code rows} rows: {@link #SCREEN_NODES},
     * or more when nodes are small or K large: enough for {@link #SCREEN_ROWS_PER_COEFFICIENT} K d
     * rows at the data's mean rows per node, and {@link #SCREEN_ROWS_PER_COEFFICIENT} nodes per
     * component. m when that is m or more (no subsample).
     */
    static int subsampleSize(int m, double rows, int k, int d) {
        double perNode = rows / m;
        double forRows = Math.ceil((double) SCREEN_ROWS_PER_COEFFICIENT * k * d / perNode);
        double wanted = Math.max(SCREEN_NODES, Math.max(forRows, (double) SCREEN_ROWS_PER_COEFFICIENT * k));
        return (int) Math.min(m, wanted);
    }

    /** The hard partition of the K - 1 fit, when it is a node-level fit with K - 1 components; else null. */
    private static int[] smallerLabels(FitResult smaller, NodeStats stats, int k) {
        if (smaller == null || k < 2 || smaller.params().components() != k - 1 || smaller.posteriors() == null
                || smaller.posteriors().length != stats.nodes() * (k - 1)) return null;
        return LocalSearch.hardLabels(smaller.posteriors(), stats.nodes(), k - 1);
    }

    /**
     * Runs every candidate for {@link #SHORT_ITERATIONS} steps; returns them best first (full K
     * before dropped components, then log-likelihood, then candidate order).
     */
    private static List<Candidate> screen(UnitOps units, NodeStats stats, int k, int count, long seed,
                                          MixtureOptions options, StoppingRule rule, int[] parent) {
        SplittableRandom root = new SplittableRandom(seed);
        Starts.NodeEstimates estimates = Starts.NodeEstimates.of(stats);
        StoppingRule brief = rule.brief(SHORT_ITERATIONS);
        List<Candidate> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = root.split();
            String[] kind = new String[1];
            int[] partition = partition(stats, estimates, k, i, rng, kind, parent);
            MixtureParams start = withOptions(Starts.fromPartition(stats, partition, k), options);
            FitResult shortRun;
            try {
                shortRun = MixtureEm.run(units, start, options, brief, null);
            } catch (CmlrException e) {
                if (e.exitCode() != ExitCode.FIT_FAILED) throw e;
                shortRun = null; // every component degenerated in the short run
            }
            out.add(new Candidate(i, kind[0], start, shortRun));
        }
        out.sort((a, b) -> {
            if (a.full(k) != b.full(k)) return a.full(k) ? -1 : 1;
            int byScore = Double.compare(b.score(), a.score());
            return byScore != 0 ? byScore : Integer.compare(a.index(), b.index());
        });
        return out;
    }

    /** The i-th candidate's partition; records its kind. */
    private static int[] partition(NodeStats stats, Starts.NodeEstimates est, int k, int i, SplittableRandom rng,
                                   String[] kind, int[] parent) {
        if (parent != null && i < SPLITS_PER_COMPONENT * (k - 1)) {
            int[] p = Starts.splitPartition(stats, est, parent, i % (k - 1), k - 1, rng);
            if (p != null) {
                kind[0] = "split of component " + (i % (k - 1) + 1);
                return p;
            }
        }
        int index = k == 2 ? i - 1 : i;
        if (index < 0) {
            kind[0] = "spectral";
            return Starts.spectralPartition(stats);
        }
        if (index % 2 == 0) {
            int[] p = Starts.kMeansPartition(stats, est, k, rng);
            if (p != null) {
                kind[0] = "kmeans++";
                return p;
            }
        }
        kind[0] = "random";
        return Starts.randomPartition(stats.nodes(), k, rng);
    }

    /**
     * Applies fixed weights / known variances to a start so the first E-step uses them. Fixed
     * weights name the components, but a start's partition comes in no particular order, so its
     * components are first reordered to rank by size like the fixed weights.
     */
    static MixtureParams withOptions(MixtureParams p, MixtureOptions o) {
        double[] fixed = o.fixedWeights();
        MixtureParams q = fixed != null ? p.permuted(rankMatch(p.weights(), fixed)) : p;
        double[] w = fixed != null ? fixed : q.weights();
        double[] s2 = o.knownSigma2() != null ? o.knownSigma2() : q.sigma2();
        return new MixtureParams(q.dim(), q.betaFlat(), s2, w);
    }

    /** perm[k] = the index in {@code have} whose rank equals the rank of {@code want[k]} (ties by index). */
    static int[] rankMatch(double[] have, double[] want) {
        Integer[] byHave = order(have);
        Integer[] byWant = order(want);
        int[] perm = new int[want.length];
        for (int r = 0; r < want.length; r++) perm[byWant[r]] = byHave[r];
        return perm;
    }

    private static Integer[] order(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        return idx;
    }

    /** The best of {@code fits} (null entries: failed starts) and how many starts reached it. */
    static Result summarise(List<FitResult> fits, String[] kinds, int k) {
        double[] ll = new double[fits.size()];
        int best = -1;
        for (int i = 0; i < fits.size(); i++) {
            FitResult f = fits.get(i);
            ll[i] = f != null ? f.logLik() : Double.NEGATIVE_INFINITY;
            if (f != null && f.params().components() < k) {
                // such a start can only win when every start lost a component: say so in its kind
                kinds[i] += " (kept " + f.params().components() + " of " + k + " components)";
            }
            if (f != null && (best < 0 || better(f, fits.get(best), k))) best = i;
        }
        double top = ll[best];
        int agree = 0;
        for (double v : ll) if (Math.abs(v - top) <= AGREEMENT * Math.max(Math.abs(top), 1e-300)) agree++;
        return new Result(fits.get(best), agree, ll, kinds);
    }

    /** Full-K fits beat fits that dropped components; then the higher log-likelihood wins. */
    private static boolean better(FitResult a, FitResult b, int k) {
        boolean fullA = a.params().components() == k;
        boolean fullB = b.params().components() == k;
        if (fullA != fullB) return fullA;
        return a.logLik() > b.logLik();
    }
}
