package io.github.cmlr.gpu;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@code --json} prints the same {@link Figures} as JSON; scripts/torch_em.py reads them to put
 * the PyTorch peer beside cmlr on the same device.
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

    @Option(names = "--json", description = "Print the figures as JSON instead of text.")
    boolean json;

    /**
     * The measured figures (seconds, per second, shares as fractions). Names are shared with
     * scripts/torch_em.py, which prints PyTorch's under the same names.
     */
    public record Figures(String device, int m, int n, int d, int iterations, int chunkNodes, double samples,
                          double copyBandwidthBytesPerSecond, String generator, double rawNormalsPerSecond, String statisticsPath,
                          double generationSeconds, double statisticsSeconds, double emSeconds, double totalSeconds,
                          double samplesPerSecond, double generationShareOfRaw, double statisticsShareOfCopyBandwidth,
                          double finalError, int cpuThreads, int cpuNodes, double cpuSamplesPerSecond) {}

    @Override
    public Integer call() throws Exception {
        int t = threads == null ? Parallel.defaultThreads() : threads;
        SyntheticSpec s = SyntheticSpec.withSnr(m, n, d, 1.0, 4.0, 1L);
        Figures f;
        GpuBackendFactory.Attempt attempt = GpuBackendFactory.tryOpen(t);
        if (attempt.backend() == null) {
            throw new CmlrException(ExitCode.GPU_UNAVAILABLE, "bench gpu needs a GPU: " + attempt.reason());
        }
        try (Backend b = attempt.backend()) {
            if (!(b instanceof GpuBackend gpu)) throw new CmlrException(ExitCode.GPU_UNAVAILABLE, "bench gpu needs a GPU");
            f = runGpu(gpu, s);
        }
        CpuBackend cpu = new CpuBackend(t);
        f = withCpu(f, cpu.threads(), runCpu(cpu, SyntheticSpec.withSnr(cpuNodes, n, d, 1.0, 4.0, 1L)));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(f) + "\n" : text(f));
        out.flush();
        return 0;
    }

    /** How the statistics phase builds the node units: nodes of n < d rows keep them (a copy). */
    static String statisticsMethod(GpuBackend gpu, int n, int d) {
        if (io.github.cmlr.model.NodeStats.keepsRows(n, d)) return "rows kept (n < d), device copy";
        return gpu.usesCublas() ? "cuBLAS strided-batched GEMM" : "own kernel";
    }

    private Figures runGpu(GpuBackend gpu, SyntheticSpec s) {
        long chunkDoubles = (long) Math.min(m, chunkNodes) * n * (d + 1);
        double bandwidth = gpu.measureCopyBandwidth(Math.max(1 << 20, chunkDoubles), 10);
        double normals = gpu.measureNormalRate(chunkDoubles, 10);
        long[] phases = new long[2];
        long t0 = System.nanoTime();
        try (UnitOps units = gpu.syntheticNodeUnits(s, chunkNodes, phases)) {
            long t1 = System.nanoTime();
            double[] thetaStar = SyntheticGenerator.thetaStar(s);
            var fit = SymmetricEm.run(units, start(thetaStar), 1.0, StoppingRule.iterations(iterations), thetaStar);
            long t2 = System.nanoTime();
            double samples = s.samples();
            double gen = phases[0] * 1e-9;
            double stats = phases[1] * 1e-9;
            double genNumbers = samples * (d + 1) + m;
            double statsBytes = samples * (d + 1) * 8.0;
            return new Figures(gpu.description(), m, n, d, fit.iterations(), chunkNodes, samples, bandwidth,
                    gpu.usesCurand() ? "cuRAND" : "own Philox kernel", normals,
                    statisticsMethod(gpu, n, d), gen, stats, (t2 - t1) * 1e-9,
                    (t2 - t0) * 1e-9, samples / ((t2 - t0) * 1e-9), genNumbers / gen / normals, statsBytes / stats / bandwidth,
                    fit.finalError(), 0, cpuNodes, Double.NaN);
        }
    }

    private static Figures withCpu(Figures f, int threads, double rate) {
        return new Figures(f.device(), f.m(), f.n(), f.d(), f.iterations(), f.chunkNodes(), f.samples(),
                f.copyBandwidthBytesPerSecond(), f.generator(), f.rawNormalsPerSecond(), f.statisticsPath(), f.generationSeconds(),
                f.statisticsSeconds(), f.emSeconds(), f.totalSeconds(), f.samplesPerSecond(), f.generationShareOfRaw(),
                f.statisticsShareOfCopyBandwidth(), f.finalError(), threads, f.cpuNodes(), rate);
    }

    /** The figures as the human-readable report. */
    static String text(Figures f) {
        StringBuilder b = new StringBuilder();
        b.append("device: ").append(f.device()).append('\n');
        b.append(String.format(Locale.ROOT, "baselines: device copy bandwidth %.1f GB/s; raw %s %.3g normals/s%n",
                f.copyBandwidthBytesPerSecond() / 1e9, f.generator(), f.rawNormalsPerSecond()));
        b.append(String.format(Locale.ROOT, "gpu: m=%d n=%d d=%d (m*n=%.3g), chunks of %d nodes%n", f.m(), f.n(), f.d(), f.samples(),
                f.chunkNodes()));
        double genNumbers = f.samples() * (f.d() + 1) + f.m();
        b.append(String.format(Locale.ROOT, "  generation: %.3f s, %.3g normals/s = %.0f%% of raw generation%n", f.generationSeconds(),
                genNumbers / f.generationSeconds(), 100 * f.generationShareOfRaw()));
        b.append(String.format(Locale.ROOT, "  statistics: %.3f s, reads %.3g GB/s = %.0f%% of the copy bandwidth (%s)%n",
                f.statisticsSeconds(), f.samples() * (f.d() + 1) * 8.0 / f.statisticsSeconds() / 1e9,
                100 * f.statisticsShareOfCopyBandwidth(), f.statisticsPath()));
        b.append(String.format(Locale.ROOT, "  %d clustered EM iterations: %.3f s (final error %.3g)%n", f.iterations(), f.emSeconds(),
                f.finalError()));
        b.append(String.format(Locale.ROOT, "  total %.3f s: %.3g samples/s%n", f.totalSeconds(), f.samplesPerSecond()));
        b.append(String.format(Locale.ROOT, "cpu (%d threads): m=%d n=%d d=%d, generation + statistics + %d iterations: %.3g samples/s%n",
                f.cpuThreads(), f.cpuNodes(), f.n(), f.d(), f.iterations(), f.cpuSamplesPerSecond()));
        b.append(String.format(Locale.ROOT, "ratio: GPU pipeline %.1fx the CPU pipeline (samples/s)%n",
                f.samplesPerSecond() / f.cpuSamplesPerSecond()));
        return b.toString();
    }

    /** samples/s of generation + statistics + the EM iterations on the CPU. */
    private double runCpu(CpuBackend cpu, SyntheticSpec s) {
        long t0 = System.nanoTime();
        Dataset data = cpu.generate(s);
        NodeStats stats = cpu.nodeStats(data);
        double[] thetaStar = SyntheticGenerator.thetaStar(s);
        try (UnitOps units = cpu.nodeUnits(stats)) {
            SymmetricEm.run(units, start(thetaStar), 1.0, StoppingRule.iterations(iterations), thetaStar);
        }
        return s.samples() / ((System.nanoTime() - t0) * 1e-9);
    }

    private static double[] start(double[] thetaStar) {
        return Crosscheck.start(thetaStar, 1.0);
    }
}
