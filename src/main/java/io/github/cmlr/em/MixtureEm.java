package io.github.cmlr.em;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.model.MixtureParams;

/**
 * EM for the general K-component mixture of linear regressions over units: node units give the
 * grouped model (one latent label per node, flexmix's {@code y ~ x | g}), sample units the
 * ungrouped one. E-step by log-sum-exp, M-step by Cholesky solves of the weighted normal
 * equations. The one reference implementation of both variants.
 */
public final class MixtureEm {
    private MixtureEm() {}

    /** @param thetaStarBetas true coefficients (K blocks of d) for error traces, or null */
    public static FitResult run(UnitOps units, MixtureParams start, MixtureOptions options, StoppingRule rule,
                                double[] thetaStarBetas) {
        throw new UnsupportedOperationException("TODO");
    }
}
