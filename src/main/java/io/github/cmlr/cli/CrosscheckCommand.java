package io.github.cmlr.cli;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.api.Backends;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.gpu.Comparison;
import io.github.cmlr.gpu.Crosscheck;
import io.github.cmlr.gpu.CrosscheckReport;
import io.github.cmlr.gpu.GpuBackend;
import io.github.cmlr.gpu.GpuBackendFactory;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.Parallel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cmlr crosscheck}: the same dataset (same seed) on the CPU and on the GPU, both algorithms
 * and both models; prints the largest differences against the documented tolerances and exits
 * with {@link ExitCode#CROSSCHECK_FAILED} when any is exceeded.
 */
@Command(name = "crosscheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the same synthetic dataset on the CPU and the GPU (both algorithms, both models) and compares data,"
            + " statistics, posteriors, per-iteration parameters and log-likelihoods against documented tolerances.",
            "Exit codes: 0 all within tolerance, 7 no usable GPU, 8 a tolerance exceeded."})
public final class CrosscheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--m", defaultValue = "203", description = "Nodes (default ${DEFAULT-VALUE}: not a multiple of 32).")
    int m;

    @Option(names = "--n", defaultValue = "17", description = "Samples per node (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--d", defaultValue = "5", description = "Dimension (default ${DEFAULT-VALUE}).")
    int d;

    @Option(names = "--snr", defaultValue = "4", description = "||theta*|| / sigma (default ${DEFAULT-VALUE}).")
    double snr;

    @Option(names = "--sigma", defaultValue = "1", description = "Noise standard deviation (default ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--seed", defaultValue = "20240417", description = "Dataset seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--iterations", defaultValue = "5", description = "EM iterations compared (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--candidate", defaultValue = "gpu", paramLabel = "gpu|cpu", hidden = true,
            description = "Backend compared with the CPU reference (cpu only to test this command without a GPU).")
    String candidate;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads of the reference (default: all cores).")
    Integer threads;

    @Option(names = "--suite", description = {"The GPU self-test: awkward sizes (m not a multiple of 32, d = 1, n = 1), with"
        + " cuBLAS/cuRAND and with the own kernels, cuBLAS against the own kernels directly, and the generated stream against"
        + " the CPU model over 1.2 million numbers from several starts. Ignores --m/--n/--d."})
    boolean suite;

    @Option(names = "--json", description = "Print the comparisons as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (iterations < 1) throw new CmlrException(ExitCode.USAGE, "--iterations must be >= 1, got " + iterations);
        SyntheticSpec s;
        try {
            s = SyntheticSpec.withSnr(m, n, d, sigma, snr, seed);
        } catch (IllegalArgumentException e) {
            throw new CmlrException(ExitCode.USAGE, "crosscheck: " + e.getMessage());
        }
        int t = threads == null ? Parallel.defaultThreads() : threads;
        List<Comparison> rows;
        String candidateName;
        try (Backend ref = new CpuBackend(t); Backend cand = Backends.open(candidate, t)) {
            if (!candidate.equalsIgnoreCase("cpu") && !cand.name().equals("gpu")) {
                throw new CmlrException(ExitCode.GPU_UNAVAILABLE, "crosscheck needs a GPU");
            }
            candidateName = cand.description();
            rows = suite ? suite(ref, cand, t) : new Crosscheck(ref, cand).run(s, iterations);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? CrosscheckReport.json(s, candidateName, rows) : CrosscheckReport.text(s, candidateName, rows));
        out.flush();
        return Crosscheck.allPassed(rows) ? ExitCode.OK.code() : ExitCode.CROSSCHECK_FAILED.code();
    }

    /** Awkward sizes; for a GPU candidate also with the own kernels, and the stream check. */
    private List<Comparison> suite(Backend ref, Backend cand, int t) {
        List<Comparison> rows = new ArrayList<>();
        int[][] sizes = {{37, 5, 3}, {125, 1, 4}, {33, 7, 1}, {257, 20, 10}, {1, 1, 1}};
        List<Backend> candidates = new ArrayList<>(List.of(cand));
        GpuBackendFactory.Attempt own = cand instanceof GpuBackend ? GpuBackendFactory.tryOpen(t, false, false) : null;
        if (own != null && own.backend() != null) candidates.add(own.backend());
        try {
            for (Backend c : candidates) {
                for (int[] z : sizes) {
                    SyntheticSpec spec = SyntheticSpec.withSnr(z[0], z[1], z[2], sigma, snr, seed + z[0]);
                    for (Comparison r : new Crosscheck(ref, c).run(spec, iterations)) {
                        rows.add(new Comparison(label(c) + " m=" + z[0] + " n=" + z[1] + " d=" + z[2] + " " + r.scope(), r.quantity(),
                                r.maxAbs(), r.scaled(), r.tolerance()));
                    }
                }
                if (c instanceof GpuBackend g) rows.addAll(Crosscheck.streamCheck(g, seed, 1_200_003));
            }
            // cuBLAS (12, or 13 through the retargeted JCublas2) against the own kernels, on the same device
            if (cand instanceof GpuBackend g && g.usesCublas() && own != null && own.backend() != null) {
                for (int[] z : sizes) {
                    SyntheticSpec spec = SyntheticSpec.withSnr(z[0], z[1], z[2], sigma, snr, seed + z[0]);
                    for (Comparison r : new Crosscheck(own.backend(), g).run(spec, iterations)) {
                        rows.add(new Comparison("cuBLAS vs gpu-own m=" + z[0] + " n=" + z[1] + " d=" + z[2] + " " + r.scope(),
                                r.quantity(), r.maxAbs(), r.scaled(), r.tolerance()));
                    }
                }
            }
        } finally {
            if (own != null && own.backend() != null) own.backend().close();
        }
        return rows;
    }

    private static String label(Backend b) {
        if (b instanceof GpuBackend g) return g.usesCublas() || g.usesCurand() ? "gpu" : "gpu-own";
        return b.name();
    }
}
