package io.github.cmlr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.bench.BenchData;
import io.github.cmlr.bench.BenchRow;
import io.github.cmlr.bench.CpuSuite;
import io.github.cmlr.bench.MachinePeak;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cmlr bench}: the CPU benchmark suite (see {@link CpuSuite}); {@code cmlr bench gpu} is the
 * GPU pipeline benchmark.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"CPU benchmarks: (a) clustered EM iteration cost vs n, (b) statistics pass against the",
            "machine's peak, (c) statistics + EM vs R flexmix's recorded time on the same 200,000-row data,",
            "(d) CSV ingest. 'cmlr bench gpu' benchmarks the GPU pipeline."},
        subcommands = io.github.cmlr.gpu.GpuBenchCommand.class)
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--threads", paramLabel = "N", description = "CPU threads (default: all cores).")
    Integer threads;

    @Option(names = "--m", defaultValue = "1000", description = "Nodes for stage (a). Default: ${DEFAULT-VALUE}.")
    int m;

    @Option(names = "--d", defaultValue = "20", description = "Dimension for stage (a). Default: ${DEFAULT-VALUE}.")
    int d;

    @Option(names = "--n", split = ",", defaultValue = "10,100,1000",
            description = "Rows per node for stage (a). Default: ${DEFAULT-VALUE}.")
    int[] ns;

    @Option(names = "--iterations", defaultValue = "20", description = "EM iterations timed in stage (a). Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--repeats", defaultValue = "3", description = "Repeats per measurement (best kept). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--flexmix-result", defaultValue = "src/test/resources/flexmix/bench-200k.json", paramLabel = "FILE",
            description = "flexmix's recorded run (scripts/flexmix-bench.R). Default: ${DEFAULT-VALUE}.")
    Path flexmixResult;

    @Option(names = "--no-ingest", description = "Skip stage (d), which writes a ~200 MB temporary CSV.")
    boolean noIngest;

    @Option(names = "--write-flexmix-data", paramLabel = "FILE",
            description = "Only write the 200,000-row dataset of stage (c) as CSV (for scripts/flexmix-bench.R) and exit.")
    Path writeFlexmixData;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        int t = threads == null ? io.github.cmlr.util.Parallel.defaultThreads() : threads;
        if (t < 1) throw new CmlrException(ExitCode.USAGE, "--threads must be >= 1, got " + t);
        atLeast("--m", m, 2);
        atLeast("--d", d, 1);
        atLeast("--iterations", iterations, 1);
        atLeast("--repeats", repeats, 1);
        for (int n : ns) atLeast("--n", n, 1);
        try (Backend backend = new CpuBackend(t)) {
            if (writeFlexmixData != null) {
                BenchData.writeCsv(backend.generate(BenchData.FLEXMIX), writeFlexmixData);
                return 0;
            }
            CpuSuite.Settings s = new CpuSuite.Settings(m, d, ns, iterations, repeats, flexmixResult, null, !noIngest);
            List<BenchRow> rows = new CpuSuite(backend, s, msg -> System.err.println("bench: " + msg)).run();
            if (json) printJson(rows, backend, System.out);
            else printTable(rows, backend, System.out);
        }
        return 0;
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) throw new CmlrException(ExitCode.USAGE, option + " must be >= " + min + ", got " + value);
    }

    private static void printTable(List<BenchRow> rows, Backend backend, PrintStream out) {
        out.println("# " + backend.description() + "; " + MachinePeak.read().describe());
        out.printf(Locale.ROOT, "%-20s | %-58s | %16s | %-12s | %s%n", "stage", "case", "value", "unit", "note");
        for (BenchRow r : rows) {
            // large magnitudes (log-likelihoods) keep their decimals; rates keep 4 significant digits
            String v = Math.abs(r.value()) >= 1e4 ? String.format(Locale.ROOT, "%.4f", r.value())
                    : String.format(Locale.ROOT, "%.4g", r.value());
            out.printf(Locale.ROOT, "%-20s | %-58s | %16s | %-12s | %s%n", r.stage(), r.case_(), v, r.unit(), r.note());
        }
    }

    private static void printJson(List<BenchRow> rows, Backend backend, PrintStream out) throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("backend", backend.description());
        root.put("machine", MachinePeak.read().describe());
        ArrayNode a = root.putArray("results");
        for (BenchRow r : rows) {
            ObjectNode o = a.addObject();
            o.put("stage", r.stage());
            o.put("case", r.case_());
            if (Double.isFinite(r.value())) o.put("value", r.value());
            else o.putNull("value");
            o.put("unit", r.unit());
            o.put("note", r.note());
        }
        out.println(om.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
