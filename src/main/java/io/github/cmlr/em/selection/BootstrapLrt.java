package io.github.cmlr.em.selection;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.em.MixtureEm;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.CmlrException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Parametric-bootstrap likelihood-ratio test of K against K + 1 components (McLachlan 1987; the
 * sequential procedure of mixtools' {@code boot.comp}). The statistic 2 (l_{K+1} - l_K) has no
 * chi^2 limit (the null sits on the boundary of the K + 1 model), so its null distribution is
 * simulated: B datasets are drawn from the fitted K model ({@link NodeStatsSimulator}: the same
 * nodes and designs, no rows needed), K and K + 1 are refitted to each, and
 * p = (1 + #{replicate statistic >= observed}) / (B + 1). Tests run from the smallest K of the
 * range up and stop at the first p above {@link #LEVEL}, as boot.comp does; that K is the test's
 * choice (the largest K of the range when every test rejects).
 *
 * <p>A refit of K is the best of EM from the fitted K parameters (the truth of the replicate) and
 * {@link #REFIT_STARTS} short-EM multi-starts; a refit of K + 1 the best of EM from the fitted
 * K + 1 parameters and the same multi-starts. A replicate whose refit failed outright (every start
 * degenerated) is left out and counted; a refit that dropped components (policy drop) still counts,
 * with the log-likelihood of the components it kept. Seeded: pair K draws from
 * {@code new SplittableRandom(seed + SEED_OFFSET + 1000003 K)}, one split per replicate, and the
 * replicates run in order, so the result depends on the seed only, not on the thread count.
 */
public final class BootstrapLrt {
    /** A test rejects K when p <= this. */
    public static final double LEVEL = 0.05;
    /** The fewest replicates allowed: p cannot fall below 1 / (B + 1). */
    public static final int MIN_REPLICATES = 10;
    /** Multi-start full runs per refit, each from the best of {@link MultiStart#CANDIDATES_PER_START} short runs. */
    public static final int REFIT_STARTS = 2;
    /** Separates these seeds from the selection's start seeds (seed + 1000003 K). */
    static final long SEED_OFFSET = 0x4C52545FL;

    /**
     * One test of K against K + 1.
     *
     * @param statistic        observed 2 (l_{K+1} - l_K) of the selection's fits
     * @param pValue           (1 + #{replicate >= observed}) / (used + 1); NaN when no replicate was usable
     * @param replicatesUsed   replicates whose both refits succeeded
     * @param replicatesFailed replicates left out (a refit failed)
     * @param criticalValue    the (1 - LEVEL) quantile of the replicates' statistics (type 1); NaN when none was usable
     */
    public record Pair(int k, int kPlus1, double statistic, double pValue, int replicatesUsed, int replicatesFailed,
                       double criticalValue) {
        public boolean rejects() {
            return pValue <= LEVEL;
        }
    }

    /**
     * @param chosenK the smallest K whose test did not reject (the largest K of the range when all rejected)
     * @param nanos   wall time of all tests
     */
    public record Result(int replicates, long seed, List<Pair> pairs, int chosenK, long nanos) {
        public Result {
            pairs = List.copyOf(pairs);
        }
    }

    private BootstrapLrt() {}

    /**
     * @param selection the fits of a K range (at least two K)
     * @param options   the EM options of the selection (fixed labels 0-based, or none)
     */
    public static Result run(Backend backend, NodeStats stats, ModelSelection.Result selection, MixtureOptions options,
                             StoppingRule rule, int replicates, long seed) {
        if (replicates < MIN_REPLICATES) throw new IllegalArgumentException("the LRT needs >= " + MIN_REPLICATES + " replicates");
        long t0 = System.nanoTime();
        List<ModelSelection.KFit> fits = selection.fits();
        if (fits.size() < 2) throw new IllegalArgumentException("the LRT needs a K range");
        NodeStatsSimulator simulator = new NodeStatsSimulator(stats);
        List<Pair> pairs = new ArrayList<>();
        int chosen = fits.get(fits.size() - 1).k();
        for (int i = 0; i + 1 < fits.size(); i++) {
            Pair p = test(backend, simulator, fits.get(i), fits.get(i + 1), options, rule, replicates, seed);
            pairs.add(p);
            if (!p.rejects()) {
                chosen = p.k();
                break;
            }
        }
        return new Result(replicates, seed, pairs, chosen, System.nanoTime() - t0);
    }

    private static Pair test(Backend backend, NodeStatsSimulator simulator, ModelSelection.KFit null0, ModelSelection.KFit alt,
                             MixtureOptions options, StoppingRule rule, int replicates, long seed) {
        int k = null0.k();
        double observed = 2 * (alt.logLik() - null0.logLik());
        MixtureOptions forK = ModelSelection.forK(options, k);
        MixtureOptions forK1 = ModelSelection.forK(options, alt.k());
        int[] labels = options == null ? null : options.fixedLabels();
        SplittableRandom root = new SplittableRandom(seed + SEED_OFFSET + 1000003L * k);
        double[] simulated = new double[replicates];
        int used = 0;
        int atLeast = 0;
        for (int b = 0; b < replicates; b++) {
            SplittableRandom rng = root.split();
            NodeStats data = simulator.draw(null0.params(), labels, rng.split());
            long refitSeed = rng.nextLong();
            double lk = refit(backend, data, k, null0.params(), forK, rule, refitSeed);
            double lk1 = refit(backend, data, alt.k(), alt.params(), forK1, rule, refitSeed);
            if (Double.isNaN(lk) || Double.isNaN(lk1)) continue;
            simulated[used++] = 2 * (lk1 - lk);
            if (2 * (lk1 - lk) >= observed) atLeast++;
        }
        double p = used == 0 ? Double.NaN : (1.0 + atLeast) / (used + 1.0);
        return new Pair(k, alt.k(), observed, p, used, replicates - used, quantile(simulated, used, 1 - LEVEL));
    }

    /** The type-1 (inverse empirical distribution) quantile of the first {@code n} values. */
    static double quantile(double[] values, int n, double level) {
        if (n == 0) return Double.NaN;
        double[] sorted = java.util.Arrays.copyOf(values, n);
        java.util.Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(level * n) - 1)];
    }

    /** The best log-likelihood of K components on {@code data}, from {@code start} and multi-starts; NaN when every run failed. */
    static double refit(Backend backend, NodeStats data, int k, MixtureParams start, MixtureOptions options, StoppingRule rule,
                        long seed) {
        double best = Double.NaN;
        try (UnitOps units = backend.nodeUnits(data)) {
            if (start.components() == k) { // a fit that dropped components is no start for K
                try {
                    best = MixtureEm.run(units, start, options, rule, null).logLik();
                } catch (CmlrException e) {
                    // every component degenerated: the multi-starts may still succeed
                }
            }
            try {
                double multi = MultiStart.fit(units, data, k, REFIT_STARTS, seed, options, rule).best().logLik();
                if (Double.isNaN(best) || multi > best) best = multi;
            } catch (CmlrException e) {
                // every multi-start failed: keep the run from the fitted parameters, if any
            }
        }
        return best;
    }
}
