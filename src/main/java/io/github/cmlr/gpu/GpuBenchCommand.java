package io.github.cmlr.gpu;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.SymmetricEm;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Parallel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cmlr bench gpu}: generation + statistics (chunked, on the device) + clustered EM
 * iterations for m*n samples; samples/s, the statistics pass against the measured device
 * bandwidth, generation against raw cuRAND, and the same pipeline on the CPU for the ratio.
 */
@Command(name = "gpu", mixinStandardHelpOptions = true, sortOptions = false,
        description = "GPU pipeline benchmark: generation + statistics + clustered EM; bandwidth and cuRAND baselines; CPU ratio.")
public final class GpuBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--m", defaultValue = "100000", description = "Nodes (default ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--n", defaultValue = "1000", description = "Samples per node (default ${DEFAULT-VALUE}; m*n = 1e8).")
    int n;

    @Option(names = "--d", defaultValue = "10", description = "Dimension (default ${DEFAULT-VALUE}).")
    int d;

    @Option(names = "--iterations", defaultValue = "10", description = "Clustered EM iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--chunk-nodes", defaultValue = "8192", description = "Nodes generated per device chunk (default ${DEFAULT-VALUE}).")
    int chunkNodes;

    @Option(names = "--cpu-nodes", defaultValue = "2000", description = "Nodes of the CPU comparison run (same n, d; default ${DEFAULT-VALUE}).")
    int cpuNodes;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        int t = threads == null ? Parallel.defaultThreads() : threads;
        SyntheticSpec s = SyntheticSpec.withSnr(m, n, d, 1.0, 4.0, 1L);
        PrintWriter out = spec.commandLine().getOut();
        double gpuRate;
        GpuBackendFactory.Attempt attempt = GpuBackendFactory.tryOpen(t);
        if (attempt.backend() == null) {
            throw new CmlrException(ExitCode.GPU_UNAVAILABLE, "bench gpu needs a GPU: " + attempt.reason());
        }
        try (Backend b = attempt.backend()) {
            if (!(b instanceof GpuBackend gpu)) throw new CmlrException(ExitCode.GPU_UNAVAILABLE, "bench gpu needs a GPU");
            out.println("device: " + gpu.description());
            gpuRate = runGpu(gpu, s, out);
        }
        double cpuRate = runCpu(new CpuBackend(t), SyntheticSpec.withSnr(cpuNodes, n, d, 1.0, 4.0, 1L), out);
        out.printf(Locale.ROOT, "ratio: GPU pipeline %.1fx the CPU pipeline (samples/s)%n", gpuRate / cpuRate);
        out.flush();
        return 0;
    }

    private double runGpu(GpuBackend gpu, SyntheticSpec s, PrintWriter out) {
        long chunkDoubles = (long) Math.min(m, chunkNodes) * n * (d + 1);
        double bandwidth = gpu.measureCopyBandwidth(Math.max(1 << 20, chunkDoubles), 10);
        double normals = gpu.measureNormalRate(chunkDoubles, 10);
        out.printf(Locale.ROOT, "baselines: device copy bandwidth %.1f GB/s; raw %s %.3g normals/s%n", bandwidth / 1e9,
                gpu.usesCurand() ? "cuRAND" : "own Philox kernel", normals);
        long[] phases = new long[2];
        long t0 = System.nanoTime();
        try (UnitOps units = gpu.syntheticNodeUnits(s, chunkNodes, phases)) {
            long t1 = System.nanoTime();
            double[] thetaStar = SyntheticGenerator.thetaStar(s);
            var fit = SymmetricEm.run(units, start(thetaStar), 1.0, StoppingRule.iterations(iterations), thetaStar);
            long t2 = System.nanoTime();
            double samples = s.samples();
            double genNumbers = samples * (d + 1) + m;
            double statsBytes = samples * (d + 1) * 8.0;
            out.printf(Locale.ROOT, "gpu: m=%d n=%d d=%d (m*n=%.3g), chunks of %d nodes%n", m, n, d, samples, chunkNodes);
            out.printf(Locale.ROOT, "  generation: %.3f s, %.3g normals/s = %.0f%% of raw generation%n", phases[0] * 1e-9,
                    genNumbers / (phases[0] * 1e-9), 100 * genNumbers / (phases[0] * 1e-9) / normals);
            out.printf(Locale.ROOT, "  statistics: %.3f s, reads %.3g GB/s = %.0f%% of the copy bandwidth (%s)%n", phases[1] * 1e-9,
                    statsBytes / (phases[1] * 1e-9) / 1e9, 100 * statsBytes / (phases[1] * 1e-9) / bandwidth,
                    gpu.usesCublas() ? "cuBLAS strided-batched GEMM" : "own kernel");
            out.printf(Locale.ROOT, "  %d clustered EM iterations: %.3f s (final error %.3g)%n", fit.iterations(), (t2 - t1) * 1e-9,
                    fit.finalError());
            double rate = samples / ((t2 - t0) * 1e-9);
            out.printf(Locale.ROOT, "  total %.3f s: %.3g samples/s%n", (t2 - t0) * 1e-9, rate);
            return rate;
        }
    }

    private double runCpu(CpuBackend cpu, SyntheticSpec s, PrintWriter out) {
        long t0 = System.nanoTime();
        Dataset data = cpu.generate(s);
        NodeStats stats = cpu.nodeStats(data);
        double[] thetaStar = SyntheticGenerator.thetaStar(s);
        try (UnitOps units = cpu.nodeUnits(stats)) {
            SymmetricEm.run(units, start(thetaStar), 1.0, StoppingRule.iterations(iterations), thetaStar);
        }
        double secs = (System.nanoTime() - t0) * 1e-9;
        double rate = s.samples() / secs;
        out.printf(Locale.ROOT, "cpu (%d threads): m=%d n=%d d=%d, generation + statistics + %d iterations: %.3f s, %.3g samples/s%n",
                cpu.threads(), s.m(), n, d, iterations, secs, rate);
        return rate;
    }

    private static double[] start(double[] thetaStar) {
        return Crosscheck.start(thetaStar, 1.0);
    }
}
