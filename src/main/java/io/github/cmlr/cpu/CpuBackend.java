package io.github.cmlr.cpu;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;

/** The reference backend: plain Java, multithreaded over fixed blocks of units, deterministic. */
public final class CpuBackend implements Backend {
    private final int threads;

    public CpuBackend(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
    }

    public int threads() { return threads; }

    @Override
    public String name() { return "cpu"; }

    @Override
    public String description() { return "cpu (" + threads + (threads == 1 ? " thread)" : " threads)"); }

    @Override
    public Dataset generate(SyntheticSpec spec) {
        return SyntheticGenerator.generate(spec, threads);
    }

    @Override
    public NodeStats nodeStats(Dataset data) {
        return NodeStatsPass.nodeStats(data, threads);
    }

    @Override
    public UnitOps nodeUnits(NodeStats stats) {
        return new CpuNodeUnits(stats, threads);
    }

    @Override
    public UnitOps sampleUnits(Dataset data) {
        return new CpuSampleUnits(data, threads);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
