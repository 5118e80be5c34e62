package io.github.cmlr.em;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.linalg.Cholesky;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's symmetric model with sigma known, as EM over units: theta+ = A^{-1} sum_u
 * tanh(<s_u, theta>/sigma^2) s_u. Over node units this is Algorithm 2 (clustered EM), over
 * sample units Algorithm 1 (standard EM). The one reference implementation of both.
 *
 * <p>The log-likelihood in traces is the symmetric one of {@link UnitOps#symmetricWeights}
 * (up to an additive constant); EM never decreases it.
 */
public final class SymmetricEm {
    private SymmetricEm() {}

    /** One EM step from theta; returns the new theta ({@code theta} is read only). */
    public static double[] step(UnitOps units, double[] theta, double sigma2) {
        double[] w = new double[units.units()];
        units.symmetricWeights(theta, sigma2, w);
        return mStep(units, factorGram(units), w);
    }

    /**
     * Runs EM from theta0 until the rule holds.
     *
     * @param thetaStar the truth for synthetic runs (error up to sign, target rule), or null
     */
    public static FitResult run(UnitOps units, double[] theta0, double sigma2, StoppingRule rule, double[] thetaStar) {
        if (!(sigma2 > 0) || !Double.isFinite(sigma2)) throw new IllegalArgumentException("sigma2 must be > 0");
        long t0 = System.nanoTime();
        Cholesky gram = factorGram(units);
        double[] w = new double[units.units()];
        double[] theta = theta0.clone();
        double logLik = units.symmetricWeights(theta, sigma2, w);
        List<IterationRecord> trace = new ArrayList<>();
        trace.add(new IterationRecord(0, error(theta, thetaStar), logLik, Double.NaN));
        StopReason reason = Convergence.check(rule, 0, trace.get(0).error(), Double.NaN, logLik, Double.NaN);
        int it = 0;
        while (reason == null) {
            it++;
            double[] next = mStep(units, gram, w);
            double prevLogLik = logLik;
            logLik = units.symmetricWeights(next, sigma2, w); // E-step for the next iteration
            double change = Convergence.relativeChange(theta, next);
            theta = next;
            IterationRecord rec = new IterationRecord(it, error(theta, thetaStar), logLik, change);
            trace.add(rec);
            reason = Convergence.check(rule, it, rec.error(), prevLogLik, logLik, change);
        }
        return new FitResult(MixtureParams.symmetric(theta, sigma2), logLik, List.copyOf(trace), it, reason, w,
                List.of(), System.nanoTime() - t0);
    }

    /** The M-step: solves A theta = sum_u w_u s_u. */
    static double[] mStep(UnitOps units, Cholesky gram, double[] w) {
        double[] rhs = new double[units.dim()];
        units.weightedXty(w, rhs);
        gram.solveInPlace(rhs);
        return rhs;
    }

    /** Factors A = sum_u G_u; a singular A (features linearly dependent, or fewer rows than d) is an error. */
    static Cholesky factorGram(UnitOps units) {
        Cholesky c = Cholesky.factor(units.totalGram(), units.dim());
        if (c == null) {
            throw new CmlrException(ExitCode.FIT_FAILED, "X^T X (d = " + units.dim() + ") is singular: the feature "
                    + "columns are linearly dependent or there are fewer rows than features");
        }
        return c;
    }

    private static double error(double[] theta, double[] thetaStar) {
        return thetaStar == null ? Double.NaN : Errors.signInvariant(theta, thetaStar);
    }
}
