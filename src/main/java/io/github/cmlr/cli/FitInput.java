package io.github.cmlr.cli;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.data.CsvInfo;
import io.github.cmlr.data.CsvReader;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.util.Progress;

/**
 * The data of a fit. Grouped (clustered) fits stream the file once into per-node statistics
 * and never hold rows ({@code dataset} is null); standard fits load the rows and compute the
 * statistics from them (used for starting points).
 *
 * @param statsNanos time of the separate statistics pass (0 when streamed while reading)
 */
record FitInput(NodeStats stats, Dataset dataset, CsvInfo info, long readNanos, long statsNanos) {

    static FitInput load(FitSettings s, Backend backend, Progress progress) {
        if (s.grouped()) {
            CsvReader.StatsResult r = CsvReader.readNodeStats(s.data(), s.csv(), progress);
            return new FitInput(r.stats(), null, r.info(), r.info().nanos(), 0);
        }
        CsvReader.DatasetResult r = CsvReader.readDataset(s.data(), s.csv(), progress);
        long t0 = System.nanoTime();
        NodeStats stats = backend.nodeStats(r.dataset());
        return new FitInput(stats, r.dataset(), r.info(), r.info().nanos(), System.nanoTime() - t0);
    }

    int dim() { return stats.dim(); }

    long rows() { return info.rows(); }
}
