package io.github.cmlr.em;

import io.github.cmlr.linalg.Cholesky;
import io.github.cmlr.model.ComponentSums;
import java.util.List;

/**
 * The coefficient step of a mixture whose first {@code s} coefficients are shared by all
 * components (flexmix's {@code FLXMRglmfix(fixed = ~ ...)}): one joint weighted least squares
 * for the shared part c and the varying parts b_k, from the component sums alone.
 *
 * <p>Component k's residual is {@code y - X_f c - X_v b_k}; the expected complete-data
 * log-likelihood is maximised in (c, b_1..b_K) at the current variances by the normal equations
 * <pre>
 *   [ sum_k G_k[f,f]/s2_k   G_1[f,v]/s2_1 ... ] [ c   ]   [ sum_k s_k[f]/s2_k ]
 *   [ G_k[v,f]/s2_k         G_k[v,v]/s2_k     ] [ b_k ] = [ s_k[v]/s2_k       ]
 * </pre>
 * with {@code G_k = sum_u gamma_uk G_u}, {@code s_k = sum_u gamma_uk s_u}. The variances follow
 * from the new coefficients (an ECM step: each part maximises given the other, so the likelihood
 * never decreases and a fixed point is a stationary point of the likelihood). flexmix instead
 * solves the same system without the 1/s2_k weights and takes a degrees-of-freedom corrected
 * sigma; that is the maximum only when the variances are equal, so its optimum differs from the
 * likelihood's (refit() moves from there to the maximum this step reaches).
 */
final class SharedCoefficients {
    private SharedCoefficients() {}

    /**
     * @param sigma2 the current variances (K), weighting each component's equations
     * @return K blocks of d coefficients, the first {@code shared} of every block equal
     */
    static double[] solve(ComponentSums sums, int shared, double[] sigma2, double[] previousBeta,
                          List<MixtureMStep.Issue> issues) {
        int kk = sums.components;
        int d = sums.dim;
        int v = d - shared;
        int p = shared + kk * v;
        double[] a = new double[p * p];
        double[] rhs = new double[p];
        for (int k = 0; k < kk; k++) addComponent(sums, k, shared, 1 / sigma2[k], a, rhs, p);
        Cholesky chol = Cholesky.factor(a, p);
        if (chol == null) {
            reportSingular(sums, shared, issues);
            if (!anyWeight(sums)) return previousBeta.clone();
            chol = Cholesky.factorWithRidge(a, p, MixtureMStep.FLOOR_RIDGE);
            if (chol == null) return previousBeta.clone();
        }
        double[] theta = chol.solve(rhs);
        double[] beta = new double[kk * d];
        for (int k = 0; k < kk; k++) {
            System.arraycopy(theta, 0, beta, k * d, shared);
            System.arraycopy(theta, shared + k * v, beta, k * d + shared, v);
        }
        return beta;
    }

    /** Adds component k's equations (scaled by w = 1/s2_k) at the joint positions: c first, then b_k. */
    private static void addComponent(ComponentSums sums, int k, int shared, double w, double[] a, double[] rhs, int p) {
        int d = sums.dim;
        int v = d - shared;
        int g0 = k * d * d;
        for (int r = 0; r < d; r++) {
            int jr = joint(r, k, shared, v);
            rhs[jr] += w * sums.xty[k * d + r];
            for (int c = 0; c < d; c++) a[jr * p + joint(c, k, shared, v)] += w * sums.gram[g0 + r * d + c];
        }
    }

    /** Position of design column i of component k in the joint vector (c, b_1, ..., b_K). */
    private static int joint(int i, int k, int shared, int v) {
        return i < shared ? i : shared + k * v + (i - shared);
    }

    /** Names the components whose own varying equations are singular (all of them when none alone is). */
    private static void reportSingular(ComponentSums sums, int shared, List<MixtureMStep.Issue> issues) {
        int d = sums.dim;
        int v = d - shared;
        boolean named = false;
        for (int k = 0; k < sums.components; k++) {
            double[] own = new double[v * v];
            for (int r = 0; r < v; r++) {
                for (int c = 0; c < v; c++) own[r * v + c] = sums.gram[k * d * d + (shared + r) * d + shared + c];
            }
            if (v > 0 && Cholesky.factor(own, v) == null) {
                issues.add(new MixtureMStep.Issue(k, MixtureMStep.Kind.SINGULAR, "weighted normal equations are singular"));
                named = true;
            }
        }
        if (named) return;
        for (int k = 0; k < sums.components; k++) {
            issues.add(new MixtureMStep.Issue(k, MixtureMStep.Kind.SINGULAR,
                    "joint normal equations of the shared and varying coefficients are singular"));
        }
    }

    private static boolean anyWeight(ComponentSums sums) {
        for (double w : sums.weight) if (w > 0) return true;
        return false;
    }
}
