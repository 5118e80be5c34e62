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
 * Several starts of {@link MixtureEm} without knowledge of the truth, keeping the best
 * log-likelihood. The starts, in order: for K = 2 the spectral split
 * ({@link Starts#spectralPartition}); then alternately per-node least squares + k-means++
 * ({@link Starts#kMeansPartition}, skipped when fewer than K nodes have n_j > d) and a random
 * partition of the nodes ({@link Starts#randomPartition}). Start i draws its randomness from the
 * i-th split of {@code new SplittableRandom(seed)}, so results depend only on the seed.
 *
 * <p>The best fit is the one with the highest log-likelihood among fits that kept all K
 * components; only when every start dropped a component is the best of all fits taken.
 */
public final class MultiStart {
    /** Two fits "agree" when their log-likelihoods differ by at most this relative amount. */
    public static final double AGREEMENT = 1e-6;

    /**
     * @param best           the fit with the highest log-likelihood
     * @param startsAtBest   how many starts reached it (within a relative 1e-6): a trust measure
     * @param allLogLiks     final log-likelihood of every start, in start order (-infinity for a
     *                       start whose every component degenerated)
     * @param startKinds     "spectral", "kmeans++" or "random", in start order (with the reason
     *                       appended for a failed start, and the components kept for a start
     *                       that dropped some)
     */
    public record Result(FitResult best, int startsAtBest, double[] allLogLiks, String[] startKinds) {}

    private MultiStart() {}

    /** @param stats per-node statistics used to build the starts (also when units are samples) */
    public static Result fit(UnitOps units, NodeStats stats, int components, int starts, long seed,
                             MixtureOptions options, StoppingRule rule) {
        if (starts < 1) throw new IllegalArgumentException("starts must be >= 1");
        if (components > stats.nodes()) {
            throw new CmlrException(ExitCode.DATA_INSUFFICIENT,
                    "K = " + components + " is larger than the number of nodes (" + stats.nodes() + ")");
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<FitResult> fits = new ArrayList<>();
        String[] kinds = new String[starts];
        CmlrException lastFailure = null;
        for (int i = 0; i < starts; i++) {
            SplittableRandom rng = root.split();
            int[] partition = partition(stats, components, i, rng, kinds);
            MixtureParams start = Starts.fromPartition(stats, partition, components);
            try {
                fits.add(MixtureEm.run(units, withOptions(start, options), options, rule, null));
            } catch (CmlrException e) {
                if (e.exitCode() != ExitCode.FIT_FAILED) throw e;
                lastFailure = e; // every component of this start degenerated: other starts may do better
                kinds[i] += " (failed: " + e.getMessage() + ")";
                fits.add(null);
            }
        }
        if (fits.stream().allMatch(f -> f == null)) throw lastFailure;
        return summarise(fits, kinds, components);
    }

    /** The i-th start's partition; records its kind. */
    private static int[] partition(NodeStats stats, int k, int i, SplittableRandom rng, String[] kinds) {
        int index = k == 2 ? i - 1 : i;
        if (index < 0) {
            kinds[i] = "spectral";
            return Starts.spectralPartition(stats);
        }
        if (index % 2 == 0) {
            int[] p = Starts.kMeansPartition(stats, k, rng);
            if (p != null) {
                kinds[i] = "kmeans++";
                return p;
            }
        }
        kinds[i] = "random";
        return Starts.randomPartition(stats.nodes(), k, rng);
    }

    /**
     * Applies fixed weights / known variances to a start so the first E-step uses them. Fixed
     * weights name the components, but a start's partition comes in no particular order, so its
     * components are first reordered to rank by size like the fixed weights.
     */
    private static MixtureParams withOptions(MixtureParams p, MixtureOptions o) {
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
