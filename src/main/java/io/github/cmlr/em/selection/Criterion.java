package io.github.cmlr.em.selection;

import java.util.Locale;

/**
 * Information criteria for choosing K; smaller is better. With L the maximised log-likelihood,
 * P the number of free parameters, N the number of rows (as flexmix counts them) and
 * {@code EN = -sum_j sum_k gamma_jk log gamma_jk} the entropy of the per-node posteriors:
 * <ul>
 *   <li>AIC = -2 L + 2 P</li>
 *   <li>BIC = -2 L + P log N</li>
 *   <li>ICL = BIC + 2 EN (the entropy form of the integrated completed likelihood; flexmix's
 *       {@code ICL()} uses the hard-assignment form, which equals this when every posterior is
 *       one-hot)</li>
 * </ul>
 */
public enum Criterion {
    AIC, BIC, ICL;

    public double value(double logLik, int freeParams, double rows, double entropy) {
        double aic = -2 * logLik + 2 * freeParams;
        double bic = -2 * logLik + freeParams * Math.log(rows);
        return switch (this) {
            case AIC -> aic;
            case BIC -> bic;
            case ICL -> bic + 2 * entropy;
        };
    }

    /** Parses "aic", "bic" or "icl" (any case); null for anything else. */
    public static Criterion parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
