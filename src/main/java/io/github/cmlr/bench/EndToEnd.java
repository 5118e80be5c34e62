package io.github.cmlr.bench;

import io.github.cmlr.backend.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stages (f) and (g): whole processes on the same CSV file, {@link BenchData#END_TO_END} (200,000
 * rows x 50 features, 10,000 nodes): {@code cmlr fit} in a fresh JVM against R reading the file
 * (data.table::fread or read.csv) and fitting flexmix, as a user runs either. (f) one start, K = 2;
 * (g) K = 1..5 with cmlr's default starts (and again with flexmix's stopping rule) against
 * stepFlexmix with as many starts per K. Each
 * pair of runs is made back to back and the ratio taken pair by pair (the median is reported), so
 * that a change in the machine's load affects both sides alike.
 */
final class EndToEnd {
    /** R's flexmix per K gets as many starts as cmlr's default for a mixture. */
    static final int DEFAULT_STARTS = 10;

    private final Backend backend;
    private final Path script;
    private final int threads;
    private final Consumer<String> progress;

    EndToEnd(Backend backend, Path script, int threads, Consumer<String> progress) {
        this.backend = backend;
        this.script = script;
        this.threads = threads;
        this.progress = progress;
    }

    /** (f) one start, K = 2, {@code pairs} paired runs against fread + flexmix and read.csv + flexmix. */
    List<PeerRow> oneStart(int pairs, boolean peers) throws IOException {
        return withFile(file -> {
            List<PeerRow> rows = new ArrayList<>();
            List<String> cmlr = cmlrFit(file, "--starts", "1");
            for (String reader : List.of("fread", "read.csv")) {
                List<String> r = peers ? rCommand(file, reader) : null;
                rows.addAll(compare("f: end to end", List.of(new Case("K=2, 1 start, " + reader + " + flexmix", cmlr)), r,
                        reader + " + flexmix", pairs));
            }
            return rows;
        });
    }

    /**
     * (g) K = 1..5, default starts, one paired run against fread + stepFlexmix (nrep = the same
     * starts); cmlr twice, with its own stopping rule and with flexmix's (relative log-likelihood
     * change 1e-6, 200 iterations: {@link #FLEXMIX_STOPPING}), against the one R run.
     */
    List<PeerRow> kRange(boolean peers) throws IOException {
        return withFile(file -> {
            String range = "--k 1..5, " + DEFAULT_STARTS + " starts per K";
            List<Case> cmlr = List.of(new Case(range, cmlrFit(file, "--k", "1..5")),
                    new Case(range + ", flexmix's stopping rule", cmlrFit(file, concat(List.of("--k", "1..5"), FLEXMIX_STOPPING))));
            List<String> r = peers ? rCommand(file, "fread", "1:5", Integer.toString(DEFAULT_STARTS)) : null;
            return compare("g: K = 1..5", cmlr, r, "fread + stepFlexmix", 1);
        });
    }

    /** flexmix's default control as cmlr options: stop at a relative log-likelihood change of 1e-6, or 200 iterations. */
    static final List<String> FLEXMIX_STOPPING = List.of("--tol-param", "0", "--tol-loglik", "1e-6", "--max-iter", "200");

    /** One cmlr command of a comparison and the name of its rows. */
    private record Case(String name, List<String> command) {}

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(new String[0]);
    }

    private interface FileWork {
        List<PeerRow> apply(Path file) throws IOException;
    }

    private List<PeerRow> withFile(FileWork work) throws IOException {
        Path file = Files.createTempFile("cmlr-e2e-", ".csv");
        try {
            progress.accept("end to end: writing " + BenchData.END_TO_END.m() * BenchData.END_TO_END.n() + " rows");
            BenchData.writeCsv(backend.generate(BenchData.END_TO_END), file);
            return work.apply(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Paired runs: in each, every cmlr case, then the peer once. Per case a time line and a
     * peak-memory line (ratios peer / cmlr, pair by pair, the median reported: above 1, cmlr is better).
     */
    private List<PeerRow> compare(String stage, List<Case> cases, List<String> peer, String peerName, int pairs) {
        int n = cases.size();
        double[][] cs = new double[n][pairs];
        double[][] cm = new double[n][pairs];
        double[] ps = new double[pairs];
        double[] pm = new double[pairs];
        String failure = peer == null ? "R (Rscript with flexmix and data.table) not found" : null;
        for (int i = 0; i < pairs; i++) {
            for (int c = 0; c < n; c++) {
                progress.accept(stage + ": cmlr (" + cases.get(c).name() + "), run " + (i + 1) + " of " + pairs);
                WholeProcess.Timing t = WholeProcess.run(cases.get(c).command(), cmlrEnvironment(), 3600);
                if (!t.ok()) return List.of(PeerRow.times(stage, cases.get(c).name(), Double.NaN, peerName, Double.NaN, "s", t.failure()));
                cs[c][i] = t.seconds();
                cm[c][i] = t.peakMiB();
            }
            WholeProcess.Timing p = new WholeProcess.Timing(Double.NaN, Double.NaN, failure);
            if (peer != null) {
                progress.accept(stage + ": " + peerName + ", run " + (i + 1) + " of " + pairs);
                p = WholeProcess.run(peer, Map.of("OMP_NUM_THREADS", Integer.toString(threads)), 7200);
                if (!p.ok()) failure = p.failure();
            }
            ps[i] = p.seconds();
            pm[i] = p.peakMiB();
        }
        String note = failure != null ? failure
                : "whole process" + (launcher() != null ? " (cmlr through target/cmlr)" : "") + ", median of " + pairs
                + " paired run(s); ratio = median of the pairs' ratios";
        List<PeerRow> rows = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            double[] ratio = new double[pairs];
            for (int i = 0; i < pairs; i++) ratio[i] = ps[i] / cs[c][i];
            String name = cases.get(c).name();
            rows.add(new PeerRow(stage, name + ", wall", median(cs[c]), peerName, median(ps), "s", median(ratio), note));
            rows.add(PeerRow.times(stage, name + ", peak memory", median(cm[c]), peerName, median(pm), "MiB",
                    Double.isNaN(median(cm[c])) ? "no /usr/bin/time (Debian package time)" : "peak resident set"));
        }
        return rows;
    }

    /**
     * {@code cmlr fit FILE ARGS} as a user runs it, the report to a scratch file: the launcher
     * beside the jar ({@code target/cmlr}: class-data archive, heap settings) on this JVM's Java,
     * else this JVM's java and class path.
     */
    private List<String> cmlrFit(Path file, String... args) throws IOException {
        Path out = Files.createTempFile("cmlr-e2e-", ".json");
        out.toFile().deleteOnExit();
        Path launcher = launcher();
        List<String> c = new ArrayList<>();
        if (launcher != null) {
            c.add(launcher.toString());
        } else {
            String java = ProcessHandle.current().info().command().orElse("java");
            c.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "io.github.cmlr.cli.Main"));
        }
        c.addAll(List.of("fit", file.toString(), "--quiet", "--backend", "cpu",
                "--threads", Integer.toString(threads), "--out", out.toString()));
        c.addAll(Arrays.asList(args));
        return c;
    }

    /** The launcher script beside the jar this JVM runs from, or null (classes run from a folder, or no script). */
    static Path launcher() {
        String cp = System.getProperty("java.class.path", "");
        if (cp.contains(java.io.File.pathSeparator) || !cp.endsWith(".jar")) return null;
        Path script = Path.of(cp).toAbsolutePath().resolveSibling("cmlr");
        return Files.isExecutable(script) ? script : null;
    }

    /** The launcher's environment: this JVM's Java, so that both sides of a comparison run on one JDK. */
    private static Map<String, String> cmlrEnvironment() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"));
    }

    /** Rscript flexmix-bench.R FILE scratch.json READER [K NREP], or null when R with flexmix is missing. */
    private List<String> rCommand(Path file, String... args) throws IOException {
        if (!WholeProcess.onPath("Rscript") || !PeerProcess.available(List.of("Rscript", "-e",
                "suppressMessages({library(flexmix); library(data.table)})"))) {
            return null;
        }
        Path out = Files.createTempFile("cmlr-e2e-r-", ".json");
        out.toFile().deleteOnExit();
        List<String> c = new ArrayList<>(List.of("Rscript", script.toString(), file.toString(), out.toString()));
        c.addAll(Arrays.asList(args));
        return c;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s); // NaN sorts last
        int finite = 0;
        for (double x : s) if (!Double.isNaN(x)) finite++;
        if (finite == 0) return Double.NaN;
        return finite % 2 == 1 ? s[finite / 2] : 0.5 * (s[finite / 2 - 1] + s[finite / 2]);
    }
}
