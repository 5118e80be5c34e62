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
 * (g) K = 1..5 with cmlr's default starts against stepFlexmix with as many starts per K. Each
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
                rows.addAll(compare("f: end to end", "K=2, 1 start, " + reader + " + flexmix", cmlr, r,
                        reader + " + flexmix", pairs));
            }
            return rows;
        });
    }

    /** (g) K = 1..5, default starts, one paired run against fread + stepFlexmix (nrep = the same starts). */
    List<PeerRow> kRange(boolean peers) throws IOException {
        return withFile(file -> {
            List<String> cmlr = cmlrFit(file, "--k", "1..5");
            List<String> r = peers ? rCommand(file, "fread", "1:5", Integer.toString(DEFAULT_STARTS)) : null;
            return compare("g: K = 1..5", "--k 1..5, " + DEFAULT_STARTS + " starts per K", cmlr, r,
                    "fread + stepFlexmix", 1);
        });
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

    /** Paired runs; a time line and a peak-memory line (ratios peer / cmlr: above 1, cmlr is better). */
    private List<PeerRow> compare(String stage, String case_, List<String> cmlr, List<String> peer, String peerName,
                                  int pairs) {
        double[] cs = new double[pairs];
        double[] cm = new double[pairs];
        double[] ps = new double[pairs];
        double[] pm = new double[pairs];
        double[] ratio = new double[pairs];
        String failure = peer == null ? "R (Rscript with flexmix and data.table) not found" : null;
        for (int i = 0; i < pairs; i++) {
            progress.accept(stage + ": cmlr, run " + (i + 1) + " of " + pairs);
            WholeProcess.Timing c = WholeProcess.run(cmlr, cmlrEnvironment(), 3600);
            if (!c.ok()) return List.of(PeerRow.times(stage, case_, Double.NaN, peerName, Double.NaN, "s", c.failure()));
            cs[i] = c.seconds();
            cm[i] = c.peakMiB();
            WholeProcess.Timing p = new WholeProcess.Timing(Double.NaN, Double.NaN, failure);
            if (peer != null) {
                progress.accept(stage + ": " + peerName + ", run " + (i + 1) + " of " + pairs);
                p = WholeProcess.run(peer, Map.of("OMP_NUM_THREADS", Integer.toString(threads)), 7200);
                if (!p.ok()) failure = p.failure();
            }
            ps[i] = p.seconds();
            pm[i] = p.peakMiB();
            ratio[i] = ps[i] / cs[i];
        }
        String note = failure != null ? failure
                : "whole process" + (launcher() != null ? " (cmlr through target/cmlr)" : "") + ", median of " + pairs
                + " paired run(s); ratio = median of the pairs' ratios";
        double r = median(ratio);
        PeerRow time = new PeerRow(stage, case_ + ", wall", median(cs), peerName, median(ps), "s", r, note);
        return List.of(time, PeerRow.times(stage, case_ + ", peak memory", median(cm), peerName, median(pm), "MiB",
                Double.isNaN(median(cm)) ? "no /usr/bin/time (Debian package time)" : "peak resident set"));
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
