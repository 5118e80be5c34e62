package io.github.cmlr.em.inference;

import io.github.cmlr.model.MixtureParams;

/**
 * Mixture components are identifiable only up to a permutation of their labels. This matches the
 * components of one fit to those of a reference by the permutation minimising the summed squared
 * distance of the coefficient vectors (exhaustive for K <= 8, greedy beyond).
 */
public final class LabelAlignment {
    private static final int EXHAUSTIVE_MAX = 8;

    private LabelAlignment() {}

    /**
     * @return perm with {@code fit} component {@code perm[k]} matched to {@code reference} component k
     */
    public static int[] bestPermutation(MixtureParams fit, MixtureParams reference) {
        int kk = reference.components();
        if (fit.components() != kk || fit.dim() != reference.dim()) {
            throw new IllegalArgumentException("cannot align " + fit.components() + " to " + kk + " components");
        }
        double[] cost = new double[kk * kk];
        for (int a = 0; a < kk; a++) {
            for (int b = 0; b < kk; b++) cost[a * kk + b] = distance2(fit.beta(b), reference.beta(a));
        }
        return kk <= EXHAUSTIVE_MAX ? exhaustive(cost, kk) : greedy(cost, kk);
    }

    /** The fit with its components reordered so that component k is {@code perm[k]} of the input. */
    public static MixtureParams permute(MixtureParams p, int[] perm) {
        return p.permuted(perm);
    }

    /** {@code p} reordered to match {@code reference}. */
    public static MixtureParams align(MixtureParams p, MixtureParams reference) {
        return permute(p, bestPermutation(p, reference));
    }

    private static int[] exhaustive(double[] cost, int kk) {
        int[] perm = new int[kk];
        for (int i = 0; i < kk; i++) perm[i] = i;
        int[] best = perm.clone();
        double bestCost = total(cost, perm, kk);
        while (nextPermutation(perm)) {
            double c = total(cost, perm, kk);
            if (c < bestCost) {
                bestCost = c;
                best = perm.clone();
            }
        }
        return best;
    }

    private static int[] greedy(double[] cost, int kk) {
        int[] perm = new int[kk];
        boolean[] used = new boolean[kk];
        for (int a = 0; a < kk; a++) {
            int arg = -1;
            for (int b = 0; b < kk; b++) {
                if (!used[b] && (arg < 0 || cost[a * kk + b] < cost[a * kk + arg])) arg = b;
            }
            used[arg] = true;
            perm[a] = arg;
        }
        return perm;
    }

    private static double total(double[] cost, int[] perm, int kk) {
        double t = 0;
        for (int a = 0; a < kk; a++) t += cost[a * kk + perm[a]];
        return t;
    }

    /** Lexicographic next permutation in place; false after the last one. */
    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) i--;
        if (i < 0) return false;
        int j = a.length - 1;
        while (a[j] <= a[i]) j--;
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }

    private static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }
}
