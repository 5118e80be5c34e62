package io.github.cmlr.em;

import io.github.cmlr.backend.UnitOps;

/**
 * The paper's symmetric model with sigma known, as EM over units: theta+ = A^{-1} sum_u
 * tanh(<s_u, theta>/sigma^2) s_u. Over node units this is Algorithm 2 (clustered EM), over
 * sample units Algorithm 1 (standard EM). The one reference implementation of both.
 */
public final class SymmetricEm {
    private SymmetricEm() {}

    /** One EM step from theta; returns the new theta. */
    public static double[] step(UnitOps units, double[] theta, double sigma2) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Runs EM from theta0 until the rule holds.
     *
     * @param thetaStar the truth for synthetic runs (error up to sign, target rule), or null
     */
    public static FitResult run(UnitOps units, double[] theta0, double sigma2, StoppingRule rule, double[] thetaStar) {
        throw new UnsupportedOperationException("TODO");
    }
}
