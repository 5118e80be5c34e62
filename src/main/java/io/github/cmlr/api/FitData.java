package io.github.cmlr.api;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.Scaling;

/**
 * Data ready for EM: per-node statistics always; the rows too when the algorithm needs them
 * (standard EM), else null (a grouped fit of a file streams and never holds rows).
 *
 * @param statsNanos time of a separate statistics pass (0 when streamed while reading)
 * @param scaling    the change of units applied to the statistics and rows (identity for data of
 *                   moderate size): the fit runs in these units and reports in the original ones
 * @param concomitant the concomitant model's design and z rows (one per unit: node, or row for
 *                    standard EM), or null without one
 */
public record FitData(NodeStats stats, Dataset rows, DataSummary summary, long statsNanos, Scaling scaling,
                      ConcomitantDesign.Built concomitant) {

    /** Data without a concomitant model. */
    public FitData(NodeStats stats, Dataset rows, DataSummary summary, long statsNanos, Scaling scaling) {
        this(stats, rows, summary, statsNanos, scaling, null);
    }

    /** Data in its own units. */
    public FitData(NodeStats stats, Dataset rows, DataSummary summary, long statsNanos) {
        this(stats, rows, summary, statsNanos, Scaling.identity(stats.dim()));
    }
}
