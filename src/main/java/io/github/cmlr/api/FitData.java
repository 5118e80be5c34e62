package io.github.cmlr.api;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;

/**
 * Data ready for EM: per-node statistics always; the rows too when the algorithm needs them
 * (standard EM), else null (a grouped fit of a file streams and never holds rows).
 *
 * @param statsNanos time of a separate statistics pass (0 when streamed while reading)
 */
public record FitData(NodeStats stats, Dataset rows, DataSummary summary, long statsNanos) {}
