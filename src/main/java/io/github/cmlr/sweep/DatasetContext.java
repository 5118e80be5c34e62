package io.github.cmlr.sweep;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;

/**
 * One synthetic dataset on one backend, shared by every algorithm run on it: generated once,
 * its statistics and unit views built on first use and released by {@link #close()}.
 */
public final class DatasetContext implements AutoCloseable {
    private final Backend backend;
    private final SyntheticSpec spec;
    private final double[] thetaStar;
    private Dataset data;
    private NodeStats stats;
    private UnitOps nodeUnits;
    private UnitOps sampleUnits;

    public DatasetContext(Backend backend, SyntheticSpec spec) {
        this.backend = backend;
        this.spec = spec;
        this.thetaStar = SyntheticGenerator.thetaStar(spec);
    }

    public Backend backend() { return backend; }
    public SyntheticSpec spec() { return spec; }

    /** theta* (a copy). */
    public double[] thetaStar() { return thetaStar.clone(); }

    public Dataset data() {
        if (data == null) data = backend.generate(spec);
        return data;
    }

    public NodeStats stats() {
        if (stats == null) stats = backend.nodeStats(data());
        return stats;
    }

    /** Node units (clustered algorithms). */
    public UnitOps nodeUnits() {
        if (nodeUnits == null) nodeUnits = backend.nodeUnits(stats());
        return nodeUnits;
    }

    /** Sample units (standard algorithms). */
    public UnitOps sampleUnits() {
        if (sampleUnits == null) sampleUnits = backend.sampleUnits(data());
        return sampleUnits;
    }

    /** Node signs as labels: 0 for xi = +1, 1 for xi = -1. */
    public int[] trueLabels() {
        return data().trueLabels();
    }

    @Override
    public void close() {
        if (nodeUnits != null) nodeUnits.close();
        if (sampleUnits != null) sampleUnits.close();
        nodeUnits = null;
        sampleUnits = null;
    }
}
