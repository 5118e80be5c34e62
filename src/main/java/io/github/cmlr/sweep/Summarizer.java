package io.github.cmlr.sweep;

import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Summaries of a sweep directory: one CSV row per grid point, and the plots. */
public final class Summarizer {
    private static final Logger LOG = LoggerFactory.getLogger(Summarizer.class);
    public static final String CSV = "summary.csv";

    /** What was written. */
    public record Summary(List<ResultRecord> records, List<PointSummary> points, Path csv, List<Path> plots) {}

    private Summarizer() {}

    /**
     * The results of DIR: runs.jsonl (shards must be merged first). A run found twice, or lines of
     * two different sweeps, are refused naming the line ({@link ExitCode#INCOMPLETE}): counted
     * twice they would bias every quantile.
     */
    public static List<ResultRecord> load(Path dir) {
        if (!Files.isDirectory(dir)) throw new CmlrException(ExitCode.IO, "results directory not found: " + dir);
        Path file = dir.resolve(ResultLines.RESULTS);
        if (!Files.isRegularFile(file)) {
            throw new CmlrException(ExitCode.IO, "no " + ResultLines.RESULTS + " in " + dir
                    + " (for a sharded sweep, run 'cmlr merge' first)");
        }
        ResultLines.Read read = ResultLines.read(file);
        List<ResultRecord> records = read.records();
        if (records.isEmpty()) throw new CmlrException(ExitCode.IO, file + " holds no finished runs yet");
        Map<String, Integer> firstLine = new HashMap<>();
        String hash = null;
        for (int i = 0; i < records.size(); i++) {
            ResultRecord r = records.get(i);
            int line = read.lineNumbers().get(i);
            Integer before = firstLine.putIfAbsent(r.runId(), line);
            if (before != null) {
                throw new CmlrException(ExitCode.INCOMPLETE, file + ":" + line + ": run '" + r.runId()
                        + "' appears again (first on line " + before + "); a results file holds each run once");
            }
            if (r.sweepHash() != null) {
                if (hash == null) hash = r.sweepHash();
                else if (!hash.equals(r.sweepHash())) {
                    throw new CmlrException(ExitCode.INCOMPLETE, file + ":" + line + ": a run of another sweep (sweep_hash "
                            + r.sweepHash() + ", earlier lines have " + hash + ")");
                }
            }
        }
        return records;
    }

    /** Grid points in the order their first run appears. */
    public static List<PointSummary> points(List<ResultRecord> records) {
        Map<String, List<ResultRecord>> byPoint = new LinkedHashMap<>();
        for (ResultRecord r : records) byPoint.computeIfAbsent(r.pointKey(), k -> new ArrayList<>()).add(r);
        List<PointSummary> out = new ArrayList<>();
        for (List<ResultRecord> rs : byPoint.values()) out.add(PointSummary.of(rs));
        return out;
    }

    /** Writes {@code outDir/summary.csv} and the plots. */
    public static Summary summarize(Path dir, Path outDir) {
        List<ResultRecord> records = load(dir);
        List<PointSummary> points = points(records);
        Path csv = outDir.resolve(CSV);
        AtomicFiles.write(csv, out -> {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writeCsv(points, w);
            w.flush();
        });
        List<Path> plots = plotsIfPossible(points, records, outDir);
        return new Summary(records, points, csv, plots);
    }

    /**
     * Draws the plots where the Java runtime can: the headless GPU bundle leaves out java.desktop
     * (to stay small), and a machine without fonts cannot render text. The CSV and the report never
     * depend on the plots; the user is told how to draw them elsewhere. A plot that cannot be
     * written (a full disk) is an I/O error like any other, never "skipped".
     */
    static List<Path> plotsIfPossible(List<PointSummary> points, List<ResultRecord> records, Path outDir) {
        if (ModuleLayer.boot().findModule("java.desktop").isEmpty()) {
            skipped("this Java runtime has no java.desktop module", outDir);
            return List.of();
        }
        try {
            return Plots.writeAll(points, records, outDir);
        } catch (LinkageError | InternalError e) {
            skipped(e.toString(), outDir);
            return List.of();
        } catch (CmlrException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!fromGraphics(e)) throw e;
            skipped(e.toString(), outDir);
            return List.of();
        }
    }

    private static void skipped(String why, Path outDir) {
        LOG.warn("plots skipped ({}): this Java runtime cannot draw them; summary.csv is complete. "
                + "Run 'cmlr summarize {}' with a full JDK to draw them.", why, outDir);
    }

    /** True when the failure arose inside the JDK's graphics (fonts, AWT), not in cmlr. */
    private static boolean fromGraphics(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            String c = f.getClassName();
            if (c.startsWith("sun.font.") || c.startsWith("sun.awt.") || c.startsWith("java.awt.")) return true;
            if (c.startsWith("io.github.cmlr.")) return false;
        }
        return false;
    }

    static void writeCsv(List<PointSummary> points, PrintWriter w) {
        w.println("m,n,d,mn,sigma,snr,theta_norm,init_radius,algorithm,model,K,backend,target_median,runs,failures,"
                + "iter_q1,iter_median,iter_q3,iter_median_censored,error_q1,error_median,error_q3,wall_ms_median");
        for (PointSummary p : points) {
            ResultRecord r = p.first();
            w.println(String.join(",", Integer.toString(r.m()), Integer.toString(r.n()), Integer.toString(r.d()),
                    Long.toString(r.samples()), num(r.sigma()), num(r.snr()),
                    r.thetaNorm() == null ? "" : num(r.thetaNorm()), num(r.initRadius()), r.algorithm(), r.model(),
                    Integer.toString(r.k()), r.backend(), num(r.target()), Integer.toString(p.runs()),
                    Integer.toString(p.failures()), num(p.iters()[0]), num(p.iters()[1]), num(p.iters()[2]),
                    num(p.itersCensored()), num(p.errors()[0]), num(p.errors()[1]), num(p.errors()[2]),
                    num(p.wallMsMedian())));
        }
    }

    /** A number for the CSV; an empty cell where none exists (no run reached the target, every run failed). */
    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
