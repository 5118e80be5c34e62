package io.github.cmlr.backend;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;

/**
 * A compute backend: the CPU reference ({@code cpu}) or the GPU ({@code gpu}). Every operation
 * of a fast backend is tested against the CPU backend on the same data.
 */
public interface Backend extends AutoCloseable {

    /** "cpu" or "gpu". */
    String name();

    /** One line for logs and reports, e.g. "cpu (2 threads)". */
    String description();

    /** Generates the synthetic dataset of the spec (same numbers on every backend). */
    Dataset generate(SyntheticSpec spec);

    /** The statistics pass: per-node n_j, G_j, s_j, q_j in one pass over the rows. */
    NodeStats nodeStats(Dataset data);

    /** Units = nodes, bound to per-node statistics (grouped / clustered algorithms). */
    UnitOps nodeUnits(NodeStats stats);

    /** Units = samples, bound to the raw rows (ungrouped / standard algorithms). */
    UnitOps sampleUnits(Dataset data);

    /** Releases the context and everything it holds; never throws. */
    @Override
    void close();
}
