package io.github.cmlr.em;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A concomitant model of the mixing weights (flexmix's {@code FLXPmultinom}): unit u's prior is
 * {@code pi_uk = softmax_k(z_u^T gamma_k)} with {@code gamma_0 = 0}, the first component the
 * baseline. {@code z_u} is the unit's row of the concomitant design (a node's covariates for
 * grouped fits, a row's for ungrouped ones), its first column the intercept when the formula has
 * one. Without covariates ({@code z_u = 1}) it is the plain mixture with weights softmax(gamma).
 * Immutable; the design is not copied and must not be modified.
 *
 * <p>Covariates of nodes repeat over units (rows of one node in standard EM, nodes sharing a
 * level): the priors and the M-step work on the distinct rows, in order of first appearance,
 * which gives the same numbers for a fraction of the work.
 */
public final class Concomitant {
    private final double[] z;
    private final int terms;
    private final List<String> names;
    /** pattern[u] = the distinct row unit u has. */
    private final int[] pattern;
    /** The distinct rows, patterns x terms. */
    private final double[] distinct;

    /**
     * @param z     units x terms, row-major
     * @param names the terms' names (model.matrix columns, {@code (Intercept)} first when present)
     */
    public Concomitant(double[] z, List<String> names) {
        this.terms = names.size();
        if (terms < 1 || z.length % terms != 0) throw new IllegalArgumentException("z has " + z.length + " values for "
                + terms + " terms");
        this.z = z;
        this.names = List.copyOf(names);
        this.pattern = new int[z.length / terms];
        Map<List<Double>, Integer> seen = new HashMap<>();
        double[] rows = new double[z.length];
        int count = 0;
        for (int u = 0; u < pattern.length; u++) {
            Double[] key = new Double[terms];
            for (int t = 0; t < terms; t++) key[t] = z[u * terms + t] == 0 ? 0.0 : z[u * terms + t]; // -0 is 0
            Integer g = seen.putIfAbsent(List.of(key), count);
            if (g == null) {
                System.arraycopy(z, u * terms, rows, count * terms, terms);
                g = count++;
            }
            pattern[u] = g;
        }
        this.distinct = Arrays.copyOf(rows, count * terms);
    }

    /** The covariates of the picked units, in pick order. */
    Concomitant subset(int[] pick) {
        double[] out = new double[pick.length * terms];
        for (int i = 0; i < pick.length; i++) System.arraycopy(z, pick[i] * terms, out, i * terms, terms);
        return new Concomitant(out, names);
    }

    /** The distinct rows as a model of their own (one unit per distinct row). */
    Concomitant distinctRows() {
        return new Concomitant(distinct, names);
    }

    /** Per distinct row, the sums of {@code tau} (units x K) over its units, in unit order. */
    double[] sumsByRow(double[] tau, int k) {
        double[] out = new double[distinct.length / terms * k];
        for (int u = 0; u < pattern.length; u++) {
            for (int c = 0; c < k; c++) out[pattern[u] * k + c] += tau[u * k + c];
        }
        return out;
    }

    public int units() { return z.length / terms; }

    public int terms() { return terms; }

    public List<String> names() { return names; }

    public double z(int u, int t) { return z[u * terms + t]; }

    /** Whether the first term is the intercept (a constant 1). */
    public boolean intercept() { return "(Intercept)".equals(names.get(0)); }

    /**
     * Coefficients whose priors are {@code weights} at every unit: the intercepts
     * {@code log(w_k / w_0)} and zero slopes; all zero (equal priors) without an intercept.
     *
     * @return K x terms, row-major, row 0 zero
     */
    public double[] startCoefficients(double[] weights) {
        int k = weights.length;
        double[] g = new double[k * terms];
        if (!intercept()) return g;
        for (int c = 1; c < k; c++) g[c * terms] = Math.log(weights[c] / weights[0]);
        return g;
    }

    /**
     * Priors of every unit.
     *
     * @param coef K x terms (row 0 is the baseline and should be zero)
     * @param out  output, units x K row-major
     */
    public void priors(double[] coef, int k, double[] out) {
        double[] eta = new double[k];
        int rows = distinct.length / terms;
        double[] byRow = new double[rows * k];
        for (int g = 0; g < rows; g++) priorsOf(distinct, g, coef, k, eta, byRow, g * k);
        for (int u = 0; u < units(); u++) System.arraycopy(byRow, pattern[u] * k, out, u * k, k);
    }

    /** Unit u's priors into out[off..off+K); eta is scratch of K. */
    public void priorsOf(int u, double[] coef, int k, double[] eta, double[] out, int off) {
        priorsOf(z, u, coef, k, eta, out, off);
    }

    private void priorsOf(double[] z, int u, double[] coef, int k, double[] eta, double[] out, int off) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int t = 0; t < terms; t++) s += z[u * terms + t] * coef[c * terms + t];
            eta[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            eta[c] = Math.exp(eta[c] - max);
            sum += eta[c];
        }
        for (int c = 0; c < k; c++) out[off + c] = eta[c] / sum;
    }
}
