package io.github.cmlr.em;

import io.github.cmlr.linalg.Cholesky;

/**
 * The concomitant model's M-step: the coefficients maximising
 * {@code Q(gamma) = sum_u sum_k tau_uk log pi_uk(gamma)}, a multinomial logit with the posteriors
 * tau as fractional responses. Newton steps from the previous coefficients on the K-1 free
 * blocks, each halved until Q does not decrease, so the step never lowers the EM objective
 * (a generalised EM when it stops before the maximum). Deterministic: sums in unit order.
 */
final class ConcomitantMStep {
    /** Newton steps per M-step (the EM iterations continue the climb). */
    static final int MAX_STEPS = 25;
    private static final int MAX_HALVINGS = 30;
    /** Stop when a step raises Q by less than this relative amount. */
    private static final double TOL = 1e-13;
    /** Ridge (relative to the mean diagonal) when the information is singular (separated data). */
    private static final double RIDGE = 1e-8;

    private ConcomitantMStep() {}

    /**
     * @param tau  posteriors, units x K row-major (not modified)
     * @param coef the previous coefficients, K x terms (not modified)
     * @return the new coefficients, K x terms, row 0 zero
     */
    static double[] maximise(Concomitant model, double[] tau, int k, double[] coef) {
        // Q depends on tau only through its sums over the units sharing a covariate row
        return maximiseDistinct(model.distinctRows(), model.sumsByRow(tau, k), k, coef);
    }

    private static double[] maximiseDistinct(Concomitant z, double[] tau, int k, double[] coef) {
        double[] g = coef.clone();
        double q = objective(z, tau, k, g);
        for (int step = 0; step < MAX_STEPS && k > 1; step++) {
            double[] dir = newtonDirection(z, tau, k, g);
            if (dir == null) break;
            double[] next = null;
            double qNext = q;
            for (int h = 0, scale = 1; h < MAX_HALVINGS; h++, scale *= 2) {
                double[] trial = moved(g, dir, 1.0 / scale, z.terms());
                double qt = objective(z, tau, k, trial);
                if (qt >= q) {
                    next = trial;
                    qNext = qt;
                    break;
                }
            }
            if (next == null) break;
            double gain = qNext - q;
            g = next;
            q = qNext;
            if (gain <= TOL * (1 + Math.abs(q))) break;
        }
        return g;
    }

    /** {@code sum_u sum_k tau_uk log pi_uk}. */
    static double objective(Concomitant z, double[] tau, int k, double[] coef) {
        double[] eta = new double[k];
        double[] pi = new double[k];
        double s = 0;
        for (int u = 0; u < z.units(); u++) {
            z.priorsOf(u, coef, k, eta, pi, 0);
            for (int c = 0; c < k; c++) {
                double t = tau[u * k + c];
                if (t > 0) s += t * Math.log(pi[c]);
            }
        }
        return s;
    }

    /** The Newton direction on blocks 1..K-1 (block 0 stays zero), or null when it cannot be solved. */
    private static double[] newtonDirection(Concomitant z, double[] tau, int k, double[] coef) {
        int q = z.terms();
        int p = (k - 1) * q;
        double[] grad = new double[p];
        double[] info = new double[p * p];
        double[] eta = new double[k];
        double[] pi = new double[k];
        for (int u = 0; u < z.units(); u++) {
            z.priorsOf(u, coef, k, eta, pi, 0);
            double total = 0;
            for (int c = 0; c < k; c++) total += tau[u * k + c];
            for (int a = 1; a < k; a++) {
                double r = tau[u * k + a] - total * pi[a];
                for (int t = 0; t < q; t++) grad[(a - 1) * q + t] += r * z.z(u, t);
                for (int b = 1; b < k; b++) {
                    double w = total * ((a == b ? pi[a] : 0.0) - pi[a] * pi[b]);
                    if (w == 0) continue;
                    for (int t = 0; t < q; t++) {
                        double wz = w * z.z(u, t);
                        int row = ((a - 1) * q + t) * p + (b - 1) * q;
                        for (int s = 0; s < q; s++) info[row + s] += wz * z.z(u, s);
                    }
                }
            }
        }
        Cholesky chol = Cholesky.factor(info, p);
        if (chol == null) chol = Cholesky.factorWithRidge(info, p, RIDGE);
        if (chol == null) return null;
        double[] d = chol.solve(grad);
        for (double v : d) if (!Double.isFinite(v)) return null;
        return d;
    }

    private static double[] moved(double[] coef, double[] dir, double step, int q) {
        double[] out = coef.clone();
        for (int i = 0; i < dir.length; i++) out[q + i] += step * dir[i];
        return out;
    }
}
