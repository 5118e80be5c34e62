package io.github.cmlr.cli;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.data.CsvWriter;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.MemoryBudget;
import io.github.cmlr.util.Progress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cmlr simulate}: writes a synthetic C-MLR dataset (a pure function of the parameters and
 * the seed, the same on every backend and thread count) as CSV.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Writes a synthetic C-MLR dataset as CSV (header node,y,x1..xd[,label]).")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--m", required = true, paramLabel = "M", description = "Number of nodes.")
    int m;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Samples per node.")
    int n;

    @Option(names = "--d", required = true, paramLabel = "D", description = "Number of features.")
    int d;

    @Option(names = "--sigma", defaultValue = "1", paramLabel = "S", description = "Noise standard deviation. Default: ${DEFAULT-VALUE}.")
    double sigma;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Truth truth;

    static final class Truth {
        @Option(names = "--snr", paramLabel = "ETA", description = "SNR ||theta*||/sigma; the direction is drawn from the seed.")
        Double snr;

        @Option(names = "--theta", split = ",", paramLabel = "a,b,...", description = "theta* itself (d values).")
        double[] theta;
    }

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output CSV (.gz for gzip).")
    Path out;

    @Option(names = "--labels", description = "Add a 'label' column: 0 where xi_j = +1, 1 where xi_j = -1.")
    boolean labels;

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Mixin
    BackendOptions backend = new BackendOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        SyntheticSpec spec = spec();
        try (Backend b = backend.open()) {
            Dataset data = b.generate(spec);
            CsvWriter.write(data, out, labels, progressOptions.create(commandSpec.commandLine().getErr()));
        }
        return ExitCode.OK.code();
    }

    /** The spec, with bad values reported as usage errors naming the option. */
    SyntheticSpec spec() {
        positive("--m", m);
        positive("--n", n);
        positive("--d", d);
        if (backend.threads != null) positive("--threads", backend.threads);
        if (!(sigma > 0) || !Double.isFinite(sigma)) usage("--sigma must be finite and > 0, got " + sigma);
        long cells = cells();
        SyntheticSpec spec;
        if (truth.theta != null) {
            if (truth.theta.length != d) usage("--theta has " + truth.theta.length + " values but --d is " + d);
            for (double t : truth.theta) if (!Double.isFinite(t)) usage("--theta has a non-finite value");
            spec = SyntheticSpec.withTheta(m, n, d, sigma, truth.theta, seed);
        } else {
            if (!(truth.snr > 0) || !Double.isFinite(truth.snr)) usage("--snr must be finite and > 0, got " + truth.snr);
            spec = SyntheticSpec.withSnr(m, n, d, sigma, truth.snr, seed);
            if (!(spec.thetaNorm() > 0)) {
                usage("--snr " + truth.snr + " times --sigma " + sigma + " underflows to 0: theta* would vanish");
            }
        }
        if (!Double.isFinite(spec.valueBound())) {
            usage((truth.theta != null ? "--theta" : "--snr " + truth.snr) + " with --sigma " + sigma + " and --d " + d
                    + ": generated values could exceed the largest double (" + Double.MAX_VALUE + ") and be written as"
                    + " Infinity; use a smaller signal or noise");
        }
        // x (cells), y and the label and offset arrays, as the in-memory dataset holds them
        MemoryBudget.require(MemoryBudget.sum(MemoryBudget.product(8, cells), MemoryBudget.product(8, m, n),
                MemoryBudget.product(8, m)), "simulate --m " + m + " --n " + n + " --d " + d);
        return spec;
    }

    /** m * n * d, refused when it overflows or exceeds one Java array. */
    private long cells() {
        long cells;
        try {
            cells = Math.multiplyExact(Math.multiplyExact((long) m, n), d);
        } catch (ArithmeticException e) {
            cells = Long.MAX_VALUE;
        }
        if (cells > Integer.MAX_VALUE - 16) {
            usage("--m * --n * --d = " + m + " * " + n + " * " + d + (cells == Long.MAX_VALUE ? "" : " = " + cells)
                    + " feature values do not fit one in-memory dataset (at most " + (Integer.MAX_VALUE - 16) + ")");
        }
        return cells;
    }

    private static void positive(String option, int value) {
        if (value < 1) usage(option + " must be >= 1, got " + value);
    }

    private static void usage(String message) {
        throw new CmlrException(ExitCode.USAGE, message);
    }
}
