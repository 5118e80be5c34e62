package io.github.cmlr.sweep;

import java.util.List;

/**
 * The population-EM contraction experiment: population EM is approximated by clustered EM on
 * {@code m} nodes, for each node size n, from starting points at several radii around theta*.
 *
 * @param radii      distances from theta* as fractions of ||theta*||
 * @param directions random starting directions per radius (the median ratio is reported)
 */
public record ContractionSpec(int m, int d, double snr, List<Integer> ns, List<Double> radii, int directions, long seed) {}
