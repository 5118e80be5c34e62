package io.github.cmlr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.em.MixtureEm;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.data.IngestBenchmark;
import io.github.cmlr.data.SyntheticGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The CPU benchmark suite behind {@code cmlr bench}: (a) clustered EM iteration cost as n grows,
 * (b) the statistics pass against the machine's peak, (c) statistics + EM against R flexmix's
 * recorded time on the same data, (d) CSV ingest, (e) EM iterations against numpy, (f) and (g)
 * whole-process fits against R ({@link EndToEnd}). Each stage appends rows to the result.
 */
public final class CpuSuite {
    /**
     * Settings of a run.
     *
     * @param stages  the stages to run, letters of "abcdefg" (see the class comment)
     * @param peers   also run the peer programs (numpy, R) where they are installed
     * @param scripts the folder of the peers' scripts (numpy_em.py, flexmix-bench.R)
     * @param emShape m, n, d of stage (e)
     */
    public record Settings(int m, int d, int[] ns, int iterations, int repeats, Path flexmixResult, Path ingestFile,
                           String stages, boolean peers, Path scripts, int[] emShape, int threads) {
        boolean has(char stage) { return stages.indexOf(stage) >= 0; }
    }

    /** The measured numbers, and the lines that compare cmlr with a peer. */
    public record Result(List<BenchRow> rows, List<PeerRow> peers) {}

    private final Backend backend;
    private final Settings settings;
    private final Consumer<String> progress;
    private final List<BenchRow> rows = new ArrayList<>();
    private final List<PeerRow> peerRows = new ArrayList<>();

    public CpuSuite(Backend backend, Settings settings, Consumer<String> progress) {
        this.backend = backend;
        this.settings = settings;
        this.progress = progress;
    }

    public Result run() throws IOException {
        if (settings.has('a')) iterationCost();
        if (settings.has('b') || settings.has('c') || settings.has('d')) {
            Dataset big = backend.generate(BenchData.FLEXMIX);
            if (settings.has('b')) {
                statisticsPass(big);
                statisticsMemory();
            }
            if (settings.has('c')) versusFlexmix(big);
            if (settings.has('d')) ingest(big);
        }
        if (settings.has('e')) emVersusNumpy();
        if (settings.has('f') || settings.has('g')) endToEnd();
        return new Result(List.copyOf(rows), List.copyOf(peerRows));
    }

    /** (f), (g): whole processes on the same file against R ({@link EndToEnd}). */
    private void endToEnd() throws IOException {
        EndToEnd e = new EndToEnd(backend, settings.scripts().resolve("flexmix-bench.R"), settings.threads(), progress);
        if (settings.has('f')) peerRows.addAll(e.oneStart(settings.repeats(), settings.peers()));
        if (settings.has('g')) peerRows.addAll(e.kRange(settings.peers()));
    }

    /** (e) EM iterations against numpy on the same shape ({@link EmVersusNumpy}). */
    private void emVersusNumpy() {
        int[] s = settings.emShape();
        EmVersusNumpy e = new EmVersusNumpy(backend, settings.threads(), settings.iterations(), settings.repeats(),
                settings.scripts().resolve("numpy_em.py"), progress);
        boolean numpy = settings.peers() && PeerProcess.available(List.of("python3", "-c", "import numpy"));
        if (settings.peers() && !numpy) progress.accept("(e) python3 with numpy not found: numpy columns left empty");
        peerRows.addAll(e.run(s[0], s[1], s[2], numpy));
        peerRows.add(e.clusteredVersusStandardAtN1(s[0] * s[1], s[2]));
    }

    /**
     * (a) Time per EM iteration on node statistics, statistics pass excluded. The sizes are
     * timed round-robin (after one untimed warm-up round) so that a change in machine load
     * affects them alike.
     */
    private void iterationCost() {
        int[] ns = settings.ns();
        NodeStats[] stats = new NodeStats[ns.length];
        MixtureParams[] starts = new MixtureParams[ns.length];
        for (int i = 0; i < ns.length; i++) {
            progress.accept("(a) iteration cost: data for n = " + ns[i]);
            SyntheticSpec spec = SyntheticSpec.withSnr(settings.m(), ns[i], settings.d(), 1.0, 4.0, 11L);
            stats[i] = backend.nodeStats(backend.generate(spec));
            starts[i] = EmVersusNumpy.start(SyntheticGenerator.thetaStar(spec));
        }
        double[] best = new double[ns.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int rep = -1; rep < settings.repeats(); rep++) {
            for (int i = 0; i < ns.length; i++) {
                try (UnitOps units = backend.nodeUnits(stats[i])) {
                    var fit = MixtureEm.run(units, starts[i], MixtureOptions.defaults(),
                            StoppingRule.iterations(settings.iterations()), null);
                    if (rep >= 0) best[i] = Math.min(best[i], fit.nanos() / 1e6 / Math.max(1, fit.iterations()));
                }
            }
        }
        for (int i = 0; i < ns.length; i++) {
            rows.add(new BenchRow("a: EM iteration", "m=" + settings.m() + " n=" + ns[i] + " d=" + settings.d() + " K=2",
                    best[i], "ms/iteration", "best of " + settings.repeats() + " rounds, " + settings.iterations() + " iterations each"));
        }
    }

    /**
     * (b) The statistics pass: samples/s and GFLOP/s of the work it needs, 2 rows (d(d+1)/2 + d + 1)
     * (the upper triangle of X^T X, X^T y, y^T y), against the nominal peak and, with --peers, the
     * DGEMM rate numpy (OpenBLAS) reaches on this machine with the same threads.
     */
    private void statisticsPass(Dataset data) {
        progress.accept("(b) statistics pass");
        double best = Double.MAX_VALUE;
        backend.nodeStats(data);
        for (int rep = 0; rep < settings.repeats(); rep++) {
            long t0 = System.nanoTime();
            backend.nodeStats(data);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        double gflops = neededFlops(backend.nodeStats(data)) / best / 1e9;
        MachinePeak peak = MachinePeak.read();
        String shape = data.rows() + " rows, " + data.nodes() + " nodes, d=" + data.dim();
        rows.add(new BenchRow("b: statistics pass", shape, data.rows() / best / 1e6, "M samples/s", "best of " + settings.repeats()));
        rows.add(new BenchRow("b: statistics pass", shape, gflops, "GFLOP/s",
                String.format(java.util.Locale.ROOT, "needed flops; %.1f%% of nominal peak %.1f GFLOP/s", 100 * gflops / peak.gflops(), peak.gflops())));
        if (!settings.peers()) return;
        PeerProcess.Outcome dgemm = PeerProcess.run(List.of("python3", settings.scripts().resolve("numpy_em.py").toString(),
                "--model", "dgemm", "--repeats", Integer.toString(settings.repeats())), blasThreads(), 600);
        String peer = dgemm.json() != null ? dgemm.json().get("peer").asText() + " DGEMM" : "numpy DGEMM";
        double rate = dgemm.json() != null ? dgemm.json().get("gflops").asDouble() : Double.NaN;
        peerRows.add(PeerRow.rates("b: statistics pass", shape + ", " + settings.threads() + " threads", gflops, peer, rate,
                "GFLOP/s", dgemm.json() != null ? "needed flops against 2000 x 2000 DGEMM; target ratio >= 0.5" : dgemm.failure()));
    }

    /**
     * The flops the statistics need: per row of a node that keeps G_j, 2 (d(d+1)/2 + d + 1) (its
     * upper triangle of X^T X, X^T y, y^T y); per row of a node that keeps its rows, 2 (d + 1).
     */
    static double neededFlops(NodeStats stats) {
        double d = stats.dim();
        double flops = 0;
        for (int j = 0; j < stats.nodes(); j++) {
            double n = stats.counts()[j];
            flops += stats.holdsRows(j) ? 2 * n * (d + 1) : 2 * n * (d * (d + 1) / 2 + d + 1);
        }
        return flops;
    }

    /**
     * (b) Memory of the statistics on the end-to-end shape (10,000 nodes of 20 rows, d = 50, so
     * every node keeps its rows), against the raw rows (x and y as doubles), and that pass's time.
     */
    private void statisticsMemory() {
        progress.accept("(b) statistics memory, 10,000 nodes x 20 rows");
        Dataset data = backend.generate(BenchData.END_TO_END);
        double best = Double.MAX_VALUE;
        NodeStats stats = backend.nodeStats(data);
        for (int rep = 0; rep < settings.repeats(); rep++) {
            long t0 = System.nanoTime();
            stats = backend.nodeStats(data);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        int d = stats.dim();
        double held = 8.0 * (stats.momentCount() + (long) stats.nodes() * (d + 2)) / 1e6;
        double raw = 8.0 * data.rows() * (d + 1) / 1e6;
        double gramForm = 8.0 * stats.nodes() * ((double) d * d + d + 2) / 1e6;
        String shape = data.rows() + " rows, " + data.nodes() + " nodes, d=" + d;
        rows.add(new BenchRow("b: statistics memory", shape, held, "MB", String.format(java.util.Locale.ROOT,
                "raw rows %.1f MB (ratio %.2f); all nodes as G_j would be %.1f MB", raw, held / raw, gramForm)));
        rows.add(new BenchRow("b: statistics pass", shape, data.rows() / best / 1e6, "M samples/s",
                "best of " + settings.repeats() + "; nodes keep their rows: no Gram work"));
    }

    /** The peers' BLAS threads: the same number as cmlr's. */
    private java.util.Map<String, String> blasThreads() {
        String t = Integer.toString(settings.threads());
        return java.util.Map.of("OPENBLAS_NUM_THREADS", t, "OMP_NUM_THREADS", t, "MKL_NUM_THREADS", t);
    }

    /**
     * (c) Statistics pass + multi-start EM (1 start, K = 2), as flexmix was timed. Reports the
     * first run in this JVM (cold) and the best of the repeats (JIT-compiled).
     */
    private void versusFlexmix(Dataset data) throws IOException {
        progress.accept("(c) statistics + EM vs flexmix");
        double cold = Double.NaN;
        double best = Double.MAX_VALUE;
        MultiStart.Result r = null;
        for (int rep = 0; rep <= settings.repeats(); rep++) {
            long t0 = System.nanoTime();
            NodeStats stats = backend.nodeStats(data);
            try (UnitOps units = backend.nodeUnits(stats)) {
                r = MultiStart.fit(units, stats, 2, 1, 1L, MixtureOptions.defaults(), StoppingRule.defaults());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (rep == 0) cold = seconds;
            else best = Math.min(best, seconds);
        }
        String shape = data.rows() + " rows, " + data.dim() + " features, " + data.nodes() + " nodes, K=2, 1 start";
        rows.add(new BenchRow("c: stats + EM", shape + ", cold", cold, "s", "first run in this JVM"));
        rows.add(new BenchRow("c: stats + EM", shape + ", warm", best, "s",
                "best of " + settings.repeats() + "; " + r.best().iterations() + " EM iterations"));
        rows.add(new BenchRow("c: stats + EM", "log-likelihood", r.best().logLik(), "", ""));
        JsonNode fx = readFlexmix();
        if (fx == null) {
            rows.add(new BenchRow("c: flexmix", "recorded", Double.NaN, "s", "no recorded result at " + settings.flexmixResult()));
            return;
        }
        double fxSeconds = fx.get("seconds").asDouble();
        double fxLogLik = fx.get("logLik").asDouble();
        rows.add(new BenchRow("c: flexmix", "recorded (" + fx.get("flexmix").asText() + ")", fxSeconds, "s",
                fx.get("iterations").asInt() + " iterations, " + fx.get("componentsKept").asInt() + " components kept"));
        rows.add(new BenchRow("c: flexmix", "log-likelihood", fxLogLik, "", ""));
        String diff = "log-lik cmlr - flexmix = " + String.format(java.util.Locale.ROOT, "%.6g", r.best().logLik() - fxLogLik);
        rows.add(new BenchRow("c: speed-up", "flexmix / cmlr, cold", fxSeconds / cold, "x", diff));
        rows.add(new BenchRow("c: speed-up", "flexmix / cmlr, warm", fxSeconds / best, "x", diff));
    }

    private JsonNode readFlexmix() throws IOException {
        Path p = settings.flexmixResult();
        if (p == null || !Files.exists(p)) return null;
        return new ObjectMapper().readTree(p.toFile());
    }

    /**
     * (d) CSV ingest of the flexmix dataset written to a temporary file: fit's streaming reader
     * ({@link IngestBenchmark}) on 1 and 2 threads (and on --threads when that is more), with
     * --peers against data.table::fread on as many threads ({@code scripts/fread-bench.R}).
     */
    private void ingest(Dataset data) throws IOException {
        progress.accept("(d) CSV ingest");
        Path file = settings.ingestFile() != null ? settings.ingestFile() : Files.createTempFile("cmlr-bench-", ".csv");
        try {
            BenchData.writeCsv(data, file);
            boolean fread = settings.peers() && PeerProcess.available(List.of("Rscript", "-e", "library(data.table)"));
            for (int t : ingestThreads()) {
                IngestBenchmark.Result r = IngestBenchmark.run(file, CsvOptions.defaults(), settings.repeats(), t);
                String shape = r.rows() + " rows x " + (data.dim() + 2) + " columns, " + Math.round(r.fileBytes() / 1e6) + " MB, "
                        + t + (t == 1 ? " thread" : " threads");
                String note = "fit's streaming reader to per-node statistics, best of " + settings.repeats();
                rows.add(new BenchRow("d: CSV ingest", shape, r.rowsPerSecond() / 1e6, "M rows/s", note));
                rows.add(new BenchRow("d: CSV ingest", shape, r.megabytesPerSecond(), "MB/s", note));
                if (settings.peers()) peerRows.add(versusFread(file, shape, r, t, fread));
            }
        } finally {
            if (settings.ingestFile() == null) Files.deleteIfExists(file);
        }
    }

    /** 1 and 2 threads, and the bench's --threads when it is more. */
    private List<Integer> ingestThreads() {
        List<Integer> t = new ArrayList<>(List.of(1, 2));
        if (settings.threads() > 2) t.add(settings.threads());
        return t;
    }

    /** fread on the same file and threads: MB/s on both sides (ratio cmlr / fread: above 1, cmlr is faster). */
    private PeerRow versusFread(Path file, String shape, IngestBenchmark.Result r, int threads, boolean available) {
        if (!available) {
            return PeerRow.rates("d: CSV ingest", shape, r.megabytesPerSecond(), "fread", Double.NaN, "MB/s",
                    "R with data.table not found");
        }
        PeerProcess.Outcome o = PeerProcess.run(List.of("Rscript", settings.scripts().resolve("fread-bench.R").toString(),
                file.toString(), Integer.toString(threads), Integer.toString(settings.repeats())), Map.of(), 600);
        if (o.json() == null) {
            return PeerRow.rates("d: CSV ingest", shape, r.megabytesPerSecond(), "fread", Double.NaN, "MB/s", o.failure());
        }
        return PeerRow.rates("d: CSV ingest", shape, r.megabytesPerSecond(), o.json().get("peer").asText(),
                o.json().get("mbPerSecond").asDouble(), "MB/s", "file MB/s, best of " + settings.repeats()
                        + " each; fread into a data.table, cmlr into per-node statistics; target ratio >= 1");
    }
}
