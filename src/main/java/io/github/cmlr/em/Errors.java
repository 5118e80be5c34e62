package io.github.cmlr.em;

/** Error measures. */
public final class Errors {
    private static final int EXHAUSTIVE_MAX_K = 8;

    private Errors() {}

    /** min(||theta - theta*||, ||theta + theta*||): theta* is identifiable only up to sign. */
    public static double signInvariant(double[] theta, double[] thetaStar) {
        double minus = 0;
        double plus = 0;
        for (int i = 0; i < theta.length; i++) {
            double a = theta[i] - thetaStar[i];
            double b = theta[i] + thetaStar[i];
            minus += a * a;
            plus += b * b;
        }
        return Math.sqrt(Math.min(minus, plus));
    }

    /**
     * Error of K estimated coefficient vectors against K true ones, up to relabelling:
     * min over permutations p of sqrt(sum_k ||beta_p(k) - truth_k||^2). Exhaustive for K <= 8,
     * greedy nearest pairs above. Both arrays are K blocks of d; NaN when the sizes differ.
     */
    public static double permutationInvariant(double[] beta, double[] truth, int d) {
        if (beta.length != truth.length) return Double.NaN;
        int[] p = bestPermutation(beta, truth, d);
        int k = truth.length / d;
        double s = 0;
        for (int t = 0; t < k; t++) s += sqDist(beta, p[t], truth, t, d);
        return Math.sqrt(s);
    }

    /** p[t] = the estimated component matched to true component t (see {@link #permutationInvariant}). */
    public static int[] bestPermutation(double[] beta, double[] truth, int d) {
        int k = truth.length / d;
        double[][] cost = new double[k][k];
        for (int t = 0; t < k; t++) for (int e = 0; e < k; e++) cost[t][e] = sqDist(beta, e, truth, t, d);
        return k <= EXHAUSTIVE_MAX_K ? exhaustive(cost, k) : greedy(cost, k);
    }

    private static int[] exhaustive(double[][] cost, int k) {
        int[] perm = new int[k];
        for (int i = 0; i < k; i++) perm[i] = i;
        int[] best = perm.clone();
        double bestCost = Double.POSITIVE_INFINITY;
        do {
            double c = 0;
            for (int t = 0; t < k; t++) c += cost[t][perm[t]];
            if (c < bestCost) {
                bestCost = c;
                best = perm.clone();
            }
        } while (nextPermutation(perm));
        return best;
    }

    private static int[] greedy(double[][] cost, int k) {
        int[] p = new int[k];
        boolean[] usedT = new boolean[k];
        boolean[] usedE = new boolean[k];
        for (int step = 0; step < k; step++) {
            int bt = -1;
            int be = -1;
            for (int t = 0; t < k; t++) {
                for (int e = 0; e < k; e++) {
                    if (!usedT[t] && !usedE[e] && (bt < 0 || cost[t][e] < cost[bt][be])) {
                        bt = t;
                        be = e;
                    }
                }
            }
            usedT[bt] = true;
            usedE[be] = true;
            p[bt] = be;
        }
        return p;
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

    private static double sqDist(double[] a, int ka, double[] b, int kb, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double t = a[ka * d + i] - b[kb * d + i];
            s += t * t;
        }
        return s;
    }
}
