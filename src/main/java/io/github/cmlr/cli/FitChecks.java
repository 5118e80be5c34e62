package io.github.cmlr.cli;

import io.github.cmlr.data.NodeIndex;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;

/** Checks, before any EM, that the data can answer the request; each failure names what to change. */
final class FitChecks {
    private FitChecks() {}

    static void beforeFit(FitSettings s, FitInput in) {
        String file = in.info().file();
        int d = in.dim();
        int m = in.info().nodeCount();
        if (in.rows() < d) {
            throw new CmlrException(ExitCode.DATA_INSUFFICIENT, file + ": " + in.rows() + " rows cannot determine "
                    + d + " coefficients " + in.info().featureNames());
        }
        if (!s.symmetric()) {
            long units = s.grouped() ? m : in.rows();
            String what = s.grouped() ? "nodes" : "rows";
            if (s.k() > units) {
                throw new CmlrException(ExitCode.DATA_INSUFFICIENT, "--k " + s.k() + " is larger than the number of "
                        + what + " (" + units + ") in " + file);
            }
        } else if (s.grouped() && m < 2) {
            throw new CmlrException(ExitCode.DATA_INSUFFICIENT, file + ": the symmetric model needs at least 2 nodes, found " + m);
        }
        if (s.symmetric() && s.symmetricInit() == FitSettings.Init.LSQ) requireRowsPerNode(in, d, "--init lsq (per-node least squares)");
    }

    /** Every node must have at least {@code min} rows; the first that has not is named with its first line. */
    static void requireRowsPerNode(FitInput in, int min, String reason) {
        NodeIndex nodes = in.info().nodes();
        for (int j = 0; j < nodes.size(); j++) {
            if (nodes.rows(j) < min) {
                throw new CmlrException(ExitCode.DATA_INSUFFICIENT, in.info().file() + ": node '" + nodes.id(j)
                        + "' (first seen on line " + nodes.firstLine(j) + ") has " + nodes.rows(j) + " row"
                        + (nodes.rows(j) == 1 ? "" : "s") + " but " + reason + " needs at least " + min
                        + " (the number of features)");
            }
        }
    }
}
