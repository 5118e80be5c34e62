package io.github.cmlr.api;

import io.github.cmlr.api.InvalidModelException.Reason;
import io.github.cmlr.em.SymmetricInit;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.Messages;

/** Checks, before any EM, that the data can answer the description; each failure is typed. */
final class DataChecks {
    private DataChecks() {}

    static void check(ModelSpec spec, DataSummary data) {
        int d = data.dim();
        if (data.rows() < d) {
            String notes = data.notes().isEmpty() ? "" : "; " + String.join("; ", data.notes());
            throw new InvalidModelException(Reason.TOO_FEW_ROWS, data.source(), data.rows(), d,
                    "[" + Messages.list(data.coefficients(), "coefficients") + "]" + notes);
        }
        if (!spec.symmetric()) {
            long units = spec.grouped() ? data.nodes() : data.rows();
            if (spec.k().max() > units) {
                throw new InvalidModelException(Reason.K_EXCEEDS_UNITS, spec.k(), spec.grouped() ? "nodes" : "rows", units, data.source());
            }
        } else if (spec.grouped() && data.nodes() < 2) {
            throw new InvalidModelException(Reason.SYMMETRIC_NEEDS_TWO_NODES, data.source(), data.nodes());
        }
        if (spec.symmetric() && spec.init().resolved() == SymmetricInit.LSQ) requireRowsPerNode(data, d);
        if (spec.labelsColumn() != null) checkLabels(spec, data);
    }

    /**
     * The values must leave finite sums of squares (columns of uniformly huge or tiny values are
     * rescaled while read; a single value of 1e200 among ordinary ones is not), and a response that
     * is 0 on every row has nothing to fit (every variance would be 0).
     */
    static void checkValues(FitData data) {
        NodeStats st = data.stats();
        DataSummary summary = data.summary();
        int d = st.dim();
        boolean anyResponse = false;
        for (int j = 0; j < st.nodes(); j++) {
            double q = st.yty()[j];
            if (!Double.isFinite(q)) throw new InvalidModelException(Reason.SQUARES_OVERFLOW, summary.source(), summary.responseColumn());
            anyResponse |= q != 0;
            for (int i = 0; i < d; i++) {
                if (!Double.isFinite(st.gramDiagonal(j, i))) {
                    throw new InvalidModelException(Reason.SQUARES_OVERFLOW, summary.source(), summary.coefficients().get(i));
                }
            }
        }
        if (!anyResponse) throw new InvalidModelException(Reason.RESPONSE_ALL_ZERO, summary.source(), summary.responseColumn());
    }

    /** Every node must have at least {@code min} rows; the first that has not is named. */
    private static void requireRowsPerNode(DataSummary data, int min) {
        for (int j = 0; j < data.nodes(); j++) {
            if (data.nodeRows()[j] < min) {
                throw new InvalidModelException(Reason.NODE_TOO_FEW_ROWS, data.source(), data.describeNode(j), data.nodeRows()[j], min);
            }
        }
    }

    private static void checkLabels(ModelSpec spec, DataSummary data) {
        if (data.labels() == null) {
            throw new InvalidModelException(Reason.LABELS_COLUMN_MISSING, data.source(), spec.labelsColumn(),
                    "[" + Messages.list(data.header(), "columns") + "]");
        }
        int max = 0;
        for (int l : data.labels()) max = Math.max(max, l);
        if (max > spec.k().min()) throw new InvalidModelException(Reason.LABEL_EXCEEDS_K, max, spec.k(), spec.k().min());
    }

    /** The fixed labels of the description: 0-based components, -1 unknown; null when none are fixed. */
    static int[] fixedLabels(ModelSpec spec, DataSummary data) {
        if (spec.labelsColumn() == null) return null;
        int[] fixed = new int[data.labels().length];
        for (int j = 0; j < fixed.length; j++) fixed[j] = data.labels()[j] > 0 ? data.labels()[j] - 1 : -1;
        return fixed;
    }
}
