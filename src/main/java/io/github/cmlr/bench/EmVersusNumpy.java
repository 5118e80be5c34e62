package io.github.cmlr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.MixtureEm;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.SymmetricEm;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.SyntheticSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * (e) One EM iteration in cmlr against numpy doing the same work ({@code scripts/numpy_em.py}) on
 * data of the same shape: the clustered symmetric model, the clustered mixture and the standard
 * (per-row) mixture, K = 2. Also a clustered iteration at n = 1 against a standard one on the same
 * rows, which should never cost more.
 */
final class EmVersusNumpy {
    private final Backend backend;
    private final int threads;
    private final int iterations;
    private final int repeats;
    private final Path script;
    private final Consumer<String> progress;

    EmVersusNumpy(Backend backend, int threads, int iterations, int repeats, Path script, Consumer<String> progress) {
        this.backend = backend;
        this.threads = threads;
        this.iterations = iterations;
        this.repeats = repeats;
        this.script = script;
        this.progress = progress;
    }

    /** The peers table rows for (m, n, d); the peer columns are NaN when numpy is not run. */
    List<PeerRow> run(int m, int n, int d, boolean peers) {
        SyntheticSpec spec = SyntheticSpec.withSnr(m, n, d, 1.0, 4.0, 11L);
        progress.accept("(e) EM iterations: data m=" + m + " n=" + n + " d=" + d);
        Dataset data = backend.generate(spec);
        double[] theta = SyntheticGenerator.thetaStar(spec);
        String shape = String.format(Locale.ROOT, "m=%d n=%d d=%d K=2, %d thread%s", m, n, d, threads,
                threads == 1 ? "" : "s");
        List<PeerRow> rows = new ArrayList<>();
        for (String model : List.of("symmetric", "clustered", "standard")) {
            progress.accept("(e) EM iterations: " + model);
            double cmlr = cmlrMillis(model, data, theta);
            rows.add(peerRow(model, shape, cmlr, peers ? numpy(model, m, n, d) : null));
        }
        return rows;
    }

    /**
     * A clustered iteration at n = 1 against a standard one on the same m rows (both cmlr), run in
     * turn (clustered, standard) for each repeat after one untimed pair; the ratio is the median of
     * the pairs' ratios, so load that changes between pairs cancels.
     */
    PeerRow clusteredVersusStandardAtN1(int m, int d) {
        SyntheticSpec spec = SyntheticSpec.withSnr(m, 1, d, 1.0, 4.0, 11L);
        progress.accept("(e) clustered vs standard at n = 1");
        Dataset data = backend.generate(spec);
        double[] theta = SyntheticGenerator.thetaStar(spec);
        double[] ratios = new double[Math.max(1, repeats)];
        double[] cpuRatios = new double[ratios.length];
        double bestClustered = Double.MAX_VALUE;
        double bestStandard = Double.MAX_VALUE;
        try (UnitOps nodes = backend.nodeUnits(backend.nodeStats(data)); UnitOps rows = backend.sampleUnits(data)) {
            for (int rep = -1; rep < ratios.length; rep++) {
                long c0 = threadCpuNanos();
                double c = millisPerIteration("clustered", nodes, theta);
                long c1 = threadCpuNanos();
                double s = millisPerIteration("standard", rows, theta);
                long c2 = threadCpuNanos();
                if (rep < 0) continue;
                ratios[rep] = s / c;
                cpuRatios[rep] = (double) (c2 - c1) / Math.max(1, c1 - c0);
                bestClustered = Math.min(bestClustered, c);
                bestStandard = Math.min(bestStandard, s);
            }
        }
        String cpu = threads == 1 ? String.format(Locale.ROOT, "; median pair ratio of thread CPU time %.2f", median(cpuRatios)) : "";
        return PeerRow.times("e: EM iteration", "clustered vs standard, n=1, m=" + m + " d=" + d, bestClustered,
                "cmlr standard", bestStandard, "ms", String.format(Locale.ROOT,
                        "same rows, best of %d pairs; median pair ratio %.2f%s; >= 1: a node iteration costs no more than a row one",
                        ratios.length, median(ratios), cpu));
    }

    private static double median(double[] v) {
        double[] t = v.clone();
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }

    /** This thread's CPU time (the work of a one-thread run, less exposed to other processes than wall time). */
    private static long threadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private PeerRow peerRow(String model, String shape, double cmlr, PeerProcess.Outcome peer) {
        String stage = "e: EM iteration";
        String what = model + ", " + shape;
        if (peer == null) return PeerRow.times(stage, what, cmlr, "numpy", Double.NaN, "ms", "peer not run");
        if (peer.json() == null) return PeerRow.times(stage, what, cmlr, "numpy", Double.NaN, "ms", peer.failure());
        JsonNode j = peer.json();
        return PeerRow.times(stage, what, cmlr, j.get("peer").asText(), j.get("msPerIteration").asDouble(), "ms",
                "E-step, M-step and log-likelihood; best of " + repeats);
    }

    private PeerProcess.Outcome numpy(String model, int m, int n, int d) {
        progress.accept("(e) EM iterations: numpy " + model);
        List<String> cmd = List.of("python3", script.toString(), "--model", model, "--m", Integer.toString(m),
                "--n", Integer.toString(n), "--d", Integer.toString(d), "--iterations", Integer.toString(iterations),
                "--repeats", Integer.toString(repeats));
        String t = Integer.toString(threads);
        return PeerProcess.run(cmd, Map.of("OPENBLAS_NUM_THREADS", t, "OMP_NUM_THREADS", t, "MKL_NUM_THREADS", t), 600);
    }

    /** Best milliseconds per iteration over the repeats, after one untimed run. */
    private double cmlrMillis(String model, Dataset data, double[] theta) {
        boolean nodes = !model.equals("standard");
        UnitOps units = nodes ? backend.nodeUnits(backend.nodeStats(data)) : backend.sampleUnits(data);
        try (units) {
            double best = Double.MAX_VALUE;
            for (int rep = -1; rep < repeats; rep++) {
                double ms = millisPerIteration(model, units, theta);
                if (rep >= 0) best = Math.min(best, ms);
            }
            return best;
        }
    }

    /** One timed run of {@code iterations} EM iterations of the model on these units. */
    private double millisPerIteration(String model, UnitOps units, double[] theta) {
        FitResult fit = model.equals("symmetric")
                ? SymmetricEm.run(units, half(theta), 1.0, StoppingRule.iterations(iterations), null)
                : MixtureEm.run(units, start(theta), MixtureOptions.defaults(), StoppingRule.iterations(iterations), null);
        return fit.nanos() / 1e6 / Math.max(1, fit.iterations());
    }

    private static double[] half(double[] theta) {
        double[] t = theta.clone();
        for (int i = 0; i < t.length; i++) t[i] *= 0.5;
        return t;
    }

    /** A start at half the truth with unit variance: EM has work to do for every iteration. */
    static MixtureParams start(double[] theta) {
        int d = theta.length;
        double[] b = new double[2 * d];
        for (int i = 0; i < d; i++) {
            b[i] = 0.5 * theta[i] + (i == 0 ? 0.3 : 0.0);
            b[d + i] = -0.5 * theta[i];
        }
        return new MixtureParams(d, b, new double[] {1.0, 1.0}, new double[] {0.5, 0.5});
    }
}
