package io.github.cmlr.em.inference;

import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Nonparametric bootstrap over nodes: each replicate draws m nodes with replacement (the node is
 * the independent unit of the grouped model), refits from the original estimate, aligns the
 * labels to it, and the standard errors are the replicates' standard deviations. Seeded: the same
 * seed gives the same resamples.
 */
public final class NodeBootstrap {

    /** Refits the model to resampled nodes. */
    @FunctionalInterface
    public interface Refitter {
        /**
         * @param stats  the resampled nodes' statistics
         * @param labels their known labels (or null)
         * @param start  the original estimate, a natural start
         * @return the refitted parameters, or null when the fit failed or lost a component
         */
        MixtureParams fit(NodeStats stats, int[] labels, MixtureParams start);
    }

    private NodeBootstrap() {}

    /**
     * @param labels per node a known component or -1, or null
     */
    public static StandardErrors run(NodeStats stats, int[] labels, MixtureParams estimate, ParameterLayout layout,
                                     int replicates, long seed, Refitter refitter) {
        if (replicates < 2) throw new IllegalArgumentException("bootstrap needs at least 2 replicates, got " + replicates);
        SplittableRandom root = new SplittableRandom(seed);
        List<MixtureParams> fits = new ArrayList<>(replicates);
        int failed = 0;
        for (int b = 0; b < replicates; b++) {
            int[] pick = draw(stats.nodes(), root.split());
            MixtureParams fit = refitter.fit(subset(stats, pick), subsetLabels(labels, pick), estimate);
            if (fit == null || fit.components() != estimate.components()) {
                failed++;
            } else {
                fits.add(labels == null ? LabelAlignment.align(fit, estimate) : fit);
            }
        }
        List<String> warnings = new ArrayList<>();
        if (failed > 0) warnings.add(failed + " of " + replicates + " bootstrap replicates failed or lost a component and were left out");
        if (fits.size() < 2) {
            warnings.add("fewer than 2 usable bootstrap replicates: standard errors unavailable");
            return new StandardErrors("bootstrap", layout, null, null, null, null, null, null, warnings,
                    new StandardErrors.Bootstrap(replicates, fits.size(), seed, null, List.of()));
        }
        return summarise(fits, layout, warnings).withBootstrap(new StandardErrors.Bootstrap(replicates, fits.size(), seed,
                null, List.of()));
    }

    private static StandardErrors summarise(List<MixtureParams> fits, ParameterLayout layout, List<String> warnings) {
        int kk = layout.components();
        int d = layout.dim();
        double[] beta = new double[kk * d];
        double[] sigma2 = new double[kk];
        double[] weights = new double[kk];
        double[] logSigma = new double[kk];
        double[] logOdds = new double[kk];
        for (int k = 0; k < kk; k++) {
            final int c = k;
            for (int i = 0; i < d; i++) {
                final int ii = i;
                beta[k * d + i] = sd(fits, p -> p.beta(c, ii));
            }
            sigma2[k] = layout.knownVariance() ? 0 : sd(fits, p -> p.sigma2(c));
            logSigma[k] = layout.knownVariance() ? 0 : sd(fits, p -> 0.5 * Math.log(p.sigma2(c)));
            weights[k] = layout.fixedWeights() ? 0 : sd(fits, p -> p.weight(c));
            logOdds[k] = layout.fixedWeights() || k == 0 ? 0 : sd(fits, p -> Math.log(p.weight(c) / p.weight(0)));
        }
        warnings.add(fits.size() + " bootstrap replicates");
        return new StandardErrors("bootstrap", layout, null, beta, sigma2, weights, logSigma, logOdds, List.copyOf(warnings), null);
    }

    private static double sd(List<MixtureParams> fits, java.util.function.ToDoubleFunction<MixtureParams> f) {
        double mean = 0;
        for (MixtureParams p : fits) mean += f.applyAsDouble(p);
        mean /= fits.size();
        double ss = 0;
        for (MixtureParams p : fits) {
            double v = f.applyAsDouble(p) - mean;
            ss += v * v;
        }
        return Math.sqrt(ss / (fits.size() - 1));
    }

    private static int[] draw(int m, SplittableRandom rng) {
        int[] pick = new int[m];
        for (int i = 0; i < m; i++) pick[i] = rng.nextInt(m);
        return pick;
    }

    /** Statistics of the picked nodes, in pick order (a node drawn twice appears twice). */
    public static NodeStats subset(NodeStats s, int[] pick) {
        return s.subset(pick);
    }

    private static int[] subsetLabels(int[] labels, int[] pick) {
        if (labels == null) return null;
        int[] out = new int[pick.length];
        for (int i = 0; i < pick.length; i++) out[i] = labels[pick[i]];
        return out;
    }
}
