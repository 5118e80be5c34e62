package io.github.cmlr.cli;

import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.em.DegeneracyPolicy;
import io.github.cmlr.em.StoppingRule;
import java.nio.file.Path;

/**
 * A validated {@code fit} request.
 *
 * @param sigma      known noise sd (required by the symmetric model; optional for the mixture), or null
 * @param starts     EM starts; the best log-likelihood is kept
 * @param posteriors per-node (per-row for the standard algorithm) posterior CSV, or null
 */
record FitSettings(Path data, CsvOptions csv, Model model, Algorithm algorithm, int k, Double sigma,
                   boolean sharedVariance, int starts, long seed, StoppingRule rule, Init init,
                   DegeneracyPolicy degeneracy, Path out, Path posteriors) {

    enum Model { SYMMETRIC, MIXTURE }

    /** clustered: one latent label per node (streams per-node statistics); standard: one per row. */
    enum Algorithm { CLUSTERED, STANDARD }

    /** Starting point of the symmetric model; the mixture uses MultiStart's own mix (AUTO). */
    enum Init { AUTO, SPECTRAL, LSQ, RANDOM }

    boolean grouped() { return algorithm == Algorithm.CLUSTERED; }

    boolean symmetric() { return model == Model.SYMMETRIC; }

    /** The symmetric model's starting kind: AUTO means spectral. */
    Init symmetricInit() { return init == Init.AUTO ? Init.SPECTRAL : init; }
}
