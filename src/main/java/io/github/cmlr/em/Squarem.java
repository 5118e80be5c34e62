package io.github.cmlr.em;

import io.github.cmlr.model.MixtureParams;

/**
 * The squared extrapolation of Varadhan and Roland (2008, scheme S3) for a mixture's EM map, on
 * (beta, log sigma^2, log pi): from theta0 and two EM steps theta1, theta2, r = theta1 - theta0,
 * v = theta2 - 2 theta1 + theta0 and alpha = -||r|| / ||v|| clamped to [-{@link #maxStep}, -1],
 * the point theta0 - 2 alpha r + alpha^2 v (alpha = -1 gives theta2 itself). The caller keeps it
 * only when its log-likelihood is at least theta2's and the M-step from it is sound, so EM stays
 * monotone. The step bound starts at 1 and grows fourfold each time alpha reaches it, as in the
 * authors' SQUAREM. A rejected point costs an E-step for nothing, so after r rejections in a row
 * the next 2^r chances (up to 64) are passed over: where extrapolation keeps failing (a component
 * pressed against a bound) the run costs barely more than plain EM.
 */
final class Squarem {
    /** Plain EM steps before the first extrapolation: the early steps move fast on their own. */
    static final int PLAIN_STEPS = 10;
    private static final double STEP_GROWTH = 4;

    private static final int MAX_BACKOFF = 6;

    private double maxStep = 1;
    private int rejections;
    private int skip;

    /** The extrapolated parameters, or null when they are theta2 or not finite. Known variances and fixed weights are kept as theta2's. */
    MixtureParams extrapolate(MixtureParams t0, MixtureParams t1, MixtureParams t2, MixtureOptions options) {
        double[] a = flat(t0);
        double[] b = flat(t1);
        double[] c = flat(t2);
        double rr = 0;
        double vv = 0;
        for (int i = 0; i < a.length; i++) {
            double r = b[i] - a[i];
            double v = c[i] - 2 * b[i] + a[i];
            rr += r * r;
            vv += v * v;
        }
        if (!(vv > 0)) return null;
        double alpha = Math.max(-maxStep, Math.min(-1, -Math.sqrt(rr / vv)));
        if (alpha == -maxStep) maxStep *= STEP_GROWTH;
        if (alpha == -1) return null;
        double[] x = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double r = b[i] - a[i];
            double v = c[i] - 2 * b[i] + a[i];
            x[i] = a[i] - 2 * alpha * r + alpha * alpha * v;
            if (!Double.isFinite(x[i])) return null;
        }
        return unflat(x, t2, options);
    }

    /** Whether to try this chance (false while backing off after rejections). */
    boolean due() {
        if (skip == 0) return true;
        skip--;
        return false;
    }

    /** A rejected extrapolation: the next ones start from the smallest bound again, after a back-off. */
    void rejected() {
        maxStep = 1;
        rejections++;
        skip = 1 << Math.min(rejections, MAX_BACKOFF);
    }

    /** A kept extrapolation: no back-off. */
    void accepted() {
        rejections = 0;
    }

    private static double[] flat(MixtureParams p) {
        int k = p.components();
        double[] beta = p.betaFlat();
        double[] f = java.util.Arrays.copyOf(beta, beta.length + 2 * k);
        for (int c = 0; c < k; c++) {
            f[beta.length + c] = Math.log(p.sigma2(c));
            f[beta.length + k + c] = Math.log(p.weight(c));
        }
        return f;
    }

    private static MixtureParams unflat(double[] x, MixtureParams t2, MixtureOptions options) {
        int k = t2.components();
        int d = t2.dim();
        double[] beta = java.util.Arrays.copyOf(x, k * d);
        double[] s2 = new double[k];
        double[] w = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) max = Math.max(max, x[k * d + k + c]);
        double sum = 0;
        for (int c = 0; c < k; c++) {
            s2[c] = Math.exp(x[k * d + c]);
            w[c] = Math.exp(x[k * d + k + c] - max);
            sum += w[c];
        }
        for (int c = 0; c < k; c++) w[c] /= sum;
        if (options.knownSigma2() != null) s2 = t2.sigma2();
        if (options.fixedWeights() != null) w = t2.weights();
        for (double v : s2) if (!(v > 0) || !Double.isFinite(v)) return null;
        return new MixtureParams(d, beta, s2, w);
    }
}
