package io.github.cmlr.em.inference;

import io.github.cmlr.em.Errors;
import io.github.cmlr.model.MixtureParams;

/**
 * Mixture components are identifiable only up to a permutation of their labels. This matches the
 * components of one fit to those of a reference by the permutation minimising the summed squared
 * distance of the coefficient vectors ({@link Errors#bestPermutation}: exhaustive for K <= 8, greedy beyond).
 */
public final class LabelAlignment {
    private LabelAlignment() {}

    /**
     * @return perm with {@code fit} component {@code perm[k]} matched to {@code reference} component k
     */
    public static int[] bestPermutation(MixtureParams fit, MixtureParams reference) {
        int kk = reference.components();
        if (fit.components() != kk || fit.dim() != reference.dim()) {
            throw new IllegalArgumentException("cannot align " + fit.components() + " to " + kk + " components");
        }
        return Errors.bestPermutation(fit.betaFlat(), reference.betaFlat(), fit.dim());
    }

    /** The fit with its components reordered so that component k is {@code perm[k]} of the input. */
    public static MixtureParams permute(MixtureParams p, int[] perm) {
        return p.permuted(perm);
    }

    /** {@code p} reordered to match {@code reference}. */
    public static MixtureParams align(MixtureParams p, MixtureParams reference) {
        return permute(p, bestPermutation(p, reference));
    }
}
