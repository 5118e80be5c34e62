/**
 * The public Java API of cmlr: describe a model ({@link io.github.cmlr.api.ModelSpec}), name the
 * data ({@link io.github.cmlr.api.DataSource}), choose a backend ({@link io.github.cmlr.api.Backends}),
 * and fit ({@link io.github.cmlr.api.Cmlr#fit}); the result ({@link io.github.cmlr.api.ModelFit}) holds
 * the estimates, criteria, selection over K, standard errors, posteriors, trace and warnings, and
 * serialises to the report of {@code cmlr fit}. {@code FitPipeline} is the one fit path: read,
 * check, open units, starts per K, selection, standard errors.
 */
package io.github.cmlr.api;
