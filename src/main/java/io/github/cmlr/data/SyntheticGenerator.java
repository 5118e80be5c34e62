package io.github.cmlr.data;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.random.CurandNormalStream;
import io.github.cmlr.util.Parallel;

/**
 * The CPU reference generator of synthetic C-MLR data. It reads the cuRAND Philox normal stream
 * at the positions given by {@link SyntheticLayout}, so it produces the same numbers as the GPU
 * generator and can regenerate any GPU dataset (or any slice of nodes of it) without copying.
 */
public final class SyntheticGenerator {
    private SyntheticGenerator() {}

    /** theta* of the spec: the given vector, or SNR * sigma times the seeded random direction. */
    public static double[] thetaStar(SyntheticSpec spec) {
        if (spec.thetaStar() != null) return spec.thetaStar();
        SyntheticLayout layout = SyntheticLayout.of(spec);
        double[] u = new double[spec.d()];
        new CurandNormalStream(spec.seed()).fill(layout.thetaOffset(), u, 0, u.length);
        double norm = 0;
        for (double v : u) norm += v * v;
        norm = Math.sqrt(norm);
        double scale = spec.snr() * spec.sigma() / norm;
        for (int i = 0; i < u.length; i++) u[i] *= scale;
        return u;
    }

    /** The whole dataset in memory; true labels: 0 for xi = +1, 1 for xi = -1. */
    public static Dataset generate(SyntheticSpec spec, int threads) {
        long cells = spec.samples() * spec.d();
        if (cells > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("m*n*d = " + cells + " does not fit one in-memory dataset; "
                    + "generate node ranges with fillNodes");
        }
        int m = spec.m();
        double[] x = new double[(int) cells];
        double[] y = new double[(int) spec.samples()];
        int[] labels = new int[m];
        double[] theta = thetaStar(spec);
        Parallel.forEachBlock(m, threads, (j0, j1) -> fillNodes(spec, theta, j0, j1, x, y, labels, 0));
        return new Dataset(spec.d(), Dataset.equalOffsets(m, spec.n()), x, y, null, labels);
    }

    /**
     * Generates nodes {@code [j0, j1)} into buffers whose node {@code base} sits at index 0:
     * features to {@code x}, responses to {@code y}, labels to {@code labels}.
     */
    public static void fillNodes(SyntheticSpec spec, double[] theta, int j0, int j1,
                                 double[] x, double[] y, int[] labels, int base) {
        SyntheticLayout layout = SyntheticLayout.of(spec);
        CurandNormalStream stream = new CurandNormalStream(spec.seed());
        int n = spec.n();
        int d = spec.d();
        double[] sign = new double[j1 - j0];
        stream.fill(layout.signOffset() + j0, sign, 0, sign.length);
        for (int j = j0; j < j1; j++) {
            double xi = sign[j - j0] >= 0 ? 1.0 : -1.0;
            labels[j - base] = xi > 0 ? 0 : 1;
            int row0 = (j - base) * n;
            long globalRow0 = (long) j * n;
            stream.fill(layout.xOffset() + globalRow0 * d, x, row0 * d, n * d);
            stream.fill(layout.noiseOffset() + globalRow0, y, row0, n);
            for (int i = 0; i < n; i++) {
                int r = row0 + i;
                double dot = 0;
                for (int k = 0; k < d; k++) dot += x[r * d + k] * theta[k];
                y[r] = xi * dot + spec.sigma() * y[r];
            }
        }
    }
}
