package io.github.cmlr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.bench.BenchData;
import io.github.cmlr.bench.BenchRow;
import io.github.cmlr.bench.CpuSuite;
import io.github.cmlr.bench.MachinePeak;
import io.github.cmlr.bench.PeerRow;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.JsonNumbers;
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
            "(d) CSV ingest, (e) EM iterations vs numpy, (f, g) whole-process fits vs R flexmix (--stages fg).",
            "'cmlr bench gpu' benchmarks the GPU pipeline."},
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

    @Option(names = "--stages", defaultValue = "abcde", paramLabel = "LETTERS",
            description = "Stages to run: a (EM iteration vs n), b (statistics pass), c (vs flexmix), d (CSV ingest),"
                    + " e (EM iterations vs numpy), f (whole-process fit, 1 start, vs R fread/read.csv + flexmix;"
                    + " --repeats pairs), g (fit --k 1..5 vs stepFlexmix, one pair; long). Default: ${DEFAULT-VALUE}.")
    String stages;

    @Option(names = "--peers", description = "Also run the peers where installed: numpy (python3) for stage e, R with"
            + " data.table and flexmix for stages c and d; prints cmlr, peer and ratio in one table.")
    boolean peers;

    @Option(names = "--scripts", defaultValue = "scripts", paramLabel = "DIR",
            description = "Folder of the peers' scripts (numpy_em.py, flexmix-bench.R). Default: ${DEFAULT-VALUE}.")
    Path scripts;

    @Option(names = "--em-shape", split = ",", defaultValue = "10000,100,10", paramLabel = "M,N,D",
            description = "m, n, d of stage e. Default: ${DEFAULT-VALUE}.")
    int[] emShape;

    @Override
    public Integer call() throws IOException {
        int t = threads == null ? io.github.cmlr.util.Parallel.defaultThreads() : threads;
        if (t < 1) throw new CmlrException(ExitCode.USAGE, "--threads must be >= 1, got " + t);
        atLeast("--m", m, 2);
        atLeast("--d", d, 1);
        atLeast("--iterations", iterations, 1);
        atLeast("--repeats", repeats, 1);
        for (int n : ns) atLeast("--n", n, 1);
        if (!stages.matches("[a-g]+")) throw new CmlrException(ExitCode.USAGE, "--stages takes letters of abcdefg, got '" + stages + "'");
        if (noIngest) stages = stages.replace("d", "");
        if (emShape.length != 3) throw new CmlrException(ExitCode.USAGE, "--em-shape takes M,N,D");
        atLeast("--em-shape M", emShape[0], 2);
        atLeast("--em-shape N", emShape[1], 1);
        atLeast("--em-shape D", emShape[2], 1);
        try (Backend backend = new CpuBackend(t)) {
            if (writeFlexmixData != null) {
                BenchData.writeCsv(backend.generate(BenchData.FLEXMIX), writeFlexmixData);
                return 0;
            }
            CpuSuite.Settings s = new CpuSuite.Settings(m, d, ns, iterations, repeats, flexmixResult, null, stages,
                    peers, scripts, emShape, t);
            CpuSuite.Result r = new CpuSuite(backend, s, msg -> System.err.println("bench: " + msg)).run();
            if (json) printJson(r, backend, System.out);
            else printTables(r, backend, System.out);
        }
        return 0;
    }

    /** A figure that was not measured is absent, with its reason beside it (the row's note), never null. */
    private static void putNumber(ObjectNode o, String key, double v, String note) {
        String reason = note == null || note.isBlank() ? "not measured" : "not measured: " + note;
        JsonNumbers.put(o, key, v, JsonNumbers.Style.CAMEL, reason);
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) throw new CmlrException(ExitCode.USAGE, option + " must be >= " + min + ", got " + value);
    }

    private static void printTables(CpuSuite.Result r, Backend backend, PrintStream out) {
        out.println("# " + backend.description() + "; " + MachinePeak.read().describe());
        if (!r.rows().isEmpty()) printTable(r.rows(), out);
        if (!r.peers().isEmpty()) {
            if (!r.rows().isEmpty()) out.println();
            printPeers(r.peers(), out);
        }
    }

    /** cmlr, the peer and their ratio (above 1: cmlr is faster) on one line per case. */
    private static void printPeers(List<PeerRow> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%-18s | %-52s | %10s | %-16s | %10s | %-5s | %8s | %s%n", "stage", "case", "cmlr",
                "peer", "peer value", "unit", "ratio", "note");
        for (PeerRow p : rows) {
            out.printf(Locale.ROOT, "%-18s | %-52s | %10s | %-16s | %10s | %-5s | %8s | %s%n", p.stage(), p.case_(),
                    number(p.cmlr()), p.peer(), number(p.peerValue()), p.unit(),
                    Double.isFinite(p.ratio()) ? String.format(Locale.ROOT, "%.2fx", p.ratio()) : "-", p.note());
        }
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) return "-";
        return Math.abs(v) >= 1e4 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private static void printTable(List<BenchRow> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%-20s | %-58s | %16s | %-12s | %s%n", "stage", "case", "value", "unit", "note");
        for (BenchRow r : rows) {
            // large magnitudes (log-likelihoods) keep their decimals; rates keep 4 significant digits
            String v = Math.abs(r.value()) >= 1e4 ? String.format(Locale.ROOT, "%.4f", r.value())
                    : String.format(Locale.ROOT, "%.4g", r.value());
            out.printf(Locale.ROOT, "%-20s | %-58s | %16s | %-12s | %s%n", r.stage(), r.case_(), v, r.unit(), r.note());
        }
    }

    static void printJson(CpuSuite.Result result, Backend backend, PrintStream out) throws IOException {
        List<BenchRow> rows = result.rows();
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("backend", backend.description());
        root.put("machine", MachinePeak.read().describe());
        ArrayNode a = root.putArray("results");
        for (BenchRow r : rows) {
            ObjectNode o = a.addObject();
            o.put("stage", r.stage());
            o.put("case", r.case_());
            putNumber(o, "value", r.value(), r.note());
            o.put("unit", r.unit());
            o.put("note", r.note());
        }
        ArrayNode p = root.putArray("peers");
        for (PeerRow r : result.peers()) {
            ObjectNode o = p.addObject();
            o.put("stage", r.stage());
            o.put("case", r.case_());
            putNumber(o, "cmlr", r.cmlr(), r.note());
            o.put("peer", r.peer());
            putNumber(o, "peerValue", r.peerValue(), r.note());
            o.put("unit", r.unit());
            putNumber(o, "ratio", r.ratio(), r.note());
            o.put("note", r.note());
        }
        out.println(om.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
