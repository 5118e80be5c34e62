package io.github.cmlr.api;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.Scaling;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouped rows in memory. {@link #withIntercept()} prepends a column of ones; {@link #withLabels}
 * attaches per-node labels under a column name (for {@link ModelSpec#labelsColumn()}).
 */
public final class ArraySource implements DataSource {
    private final Dataset data;
    private final List<String> names;
    private final String labelsName;
    private final int[] labels;
    private final boolean intercept;

    ArraySource(Dataset data, List<String> names, String labelsName, int[] labels) {
        this(data, names, labelsName, labels, false);
    }

    private ArraySource(Dataset data, List<String> names, String labelsName, int[] labels, boolean intercept) {
        if (names.size() != data.dim()) {
            throw new IllegalArgumentException(names.size() + " feature names for " + data.dim() + " features");
        }
        this.data = data;
        this.names = List.copyOf(names);
        this.labelsName = labelsName;
        this.labels = labels;
        this.intercept = intercept;
    }

    static ArraySource of(String[] nodes, double[][] x, double[] y, List<String> featureNames) {
        if (nodes.length != x.length || x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("nodes, x and y need the same number (> 0) of rows, got "
                    + nodes.length + ", " + x.length + ", " + y.length);
        }
        int d = featureNames.size();
        Map<String, List<Integer>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            if (x[i].length != d) throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, expected " + d);
            byNode.computeIfAbsent(nodes[i], k -> new ArrayList<>()).add(i);
        }
        int[] offsets = new int[byNode.size() + 1];
        double[] xs = new double[x.length * d];
        double[] ys = new double[y.length];
        int row = 0;
        int j = 0;
        for (List<Integer> members : byNode.values()) {
            for (int i : members) {
                requireFinite(x[i], y[i], i);
                System.arraycopy(x[i], 0, xs, row * d, d);
                ys[row++] = y[i];
            }
            offsets[++j] = row;
        }
        return new ArraySource(new Dataset(d, offsets, xs, ys, byNode.keySet().toArray(new String[0]), null), featureNames, null, null);
    }

    private static void requireFinite(double[] x, double y, int row) {
        boolean ok = Double.isFinite(y);
        for (double v : x) ok &= Double.isFinite(v);
        if (!ok) throw new CmlrException(ExitCode.DATA_FORMAT, "in-memory data: row " + row + " has a NaN or infinite value");
    }

    /** The same rows with a leading column of ones named "(intercept)". */
    public ArraySource withIntercept() {
        int d = data.dim() + 1;
        double[] x = new double[data.rows() * d];
        for (int r = 0; r < data.rows(); r++) {
            x[r * d] = 1.0;
            System.arraycopy(data.x(), r * data.dim(), x, r * d + 1, data.dim());
        }
        String[] ids = new String[data.nodes()];
        for (int j = 0; j < ids.length; j++) ids[j] = data.nodeId(j);
        List<String> n = new ArrayList<>(names);
        n.add(0, CsvOptions.INTERCEPT_NAME);
        return new ArraySource(new Dataset(d, data.offsets(), x, data.y(), ids, data.trueLabels()), n, labelsName, labels, true);
    }

    /** Per-node labels under {@code column}: 1..K fixes a node's component, 0 leaves it unknown. */
    public ArraySource withLabels(String column, int[] perNode) {
        if (perNode.length != data.nodes()) throw new IllegalArgumentException(perNode.length + " labels for " + data.nodes() + " nodes");
        return new ArraySource(data, names, column, perNode.clone(), intercept);
    }

    @Override
    public FitData load(boolean keepRows, String labelsColumn, Backend backend, Progress progress) {
        long t0 = System.nanoTime();
        // values whose squares would overflow or underflow are rescaled (exactly, by powers of two)
        Scaling scaling = Scaling.of(data);
        Dataset data = scaling.isIdentity() ? this.data : scaling.apply(this.data);
        var stats = backend.nodeStats(data);
        long nanos = System.nanoTime() - t0;
        List<String> header = new ArrayList<>(List.of("node", "y"));
        header.addAll(names);
        if (labelsName != null) header.add(labelsName);
        String[] ids = new String[data.nodes()];
        long[] rows = new long[data.nodes()];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = data.nodeId(j);
            rows[j] = data.nodeSize(j);
        }
        boolean useLabels = labelsColumn != null && labelsColumn.equals(labelsName);
        int[] lab = useLabels ? labels.clone() : labelsColumn == null && data.hasTrueLabels() ? data.trueLabels().clone() : null;
        DataSummary s = new DataSummary("in-memory data", data.rows(), 0, "node", "y", names, intercept, header, Arrays.asList(ids),
                rows, null, lab, 0);
        return new FitData(stats, keepRows ? data : null, s, nanos, scaling);
    }
}
