package io.github.cmlr.predict;

/**
 * What {@link Predictor} computes.
 *
 * @param posterior  nodes x K, row-major: posterior membership of each node (prior weights when
 *                   the data has no response)
 * @param component  per node: the most likely component (0-based)
 * @param mean       per row: the mixture mean {@code sum_k posterior_jk x^T beta_k}
 * @param perComponent rows x K: {@code x^T beta_k}
 */
public record Predictions(int components, double[] posterior, int[] component, double[] mean, double[] perComponent) {}
