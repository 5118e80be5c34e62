package io.github.cmlr.api;

import java.util.List;

/**
 * Posterior weights of every unit: a node for grouped fits, a row for standard fits.
 *
 * @param columns     column names (mixture: p1..pK; symmetric: w, p_plus, p_minus)
 * @param values      units x columns, row-major
 * @param nodeIds     node ids in order
 * @param nodeOffsets for standard fits, node j's rows are units [nodeOffsets[j], nodeOffsets[j+1]); null for grouped fits
 * @param symmetric   the symmetric model's weights (the most likely component is 1 when w >= 0)
 */
public record Posteriors(List<String> columns, double[] values, List<String> nodeIds, int[] nodeOffsets, boolean symmetric) {

    public Posteriors {
        columns = List.copyOf(columns);
        nodeIds = List.copyOf(nodeIds);
    }

    /** A copy of the values. */
    @Override
    public double[] values() { return values.clone(); }

    public int units() { return values.length / columns.size(); }

    public boolean perRow() { return nodeOffsets != null; }

    public double get(int unit, int column) { return values[unit * columns.size() + column]; }

    /** The most likely component of a unit, 1-based. */
    public int mostLikely(int unit) {
        if (symmetric) return get(unit, 0) >= 0 ? 1 : 2;
        int best = 0;
        for (int c = 1; c < columns.size(); c++) if (get(unit, c) > get(unit, best)) best = c;
        return best + 1;
    }
}
