package io.github.cmlr.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;

/**
 * The standard plots of a sweep, each drawn only when the sweep varies what it plots against:
 * error against iteration; iterations to target against m at fixed mn; final error against mn
 * (log-log, fitted slope); iterations against SNR and against the initial radius. A series is a
 * set of points that differ only in the plotted coordinate.
 */
public final class Plots {
    /** Coordinates a series label may show. */
    private static final List<String> COORDS = List.of("m", "n", "d", "sigma", "snr", "init_radius", "algorithm", "model");
    private static final int MAX_SERIES = 12;

    private Plots() {}

    /** @return the PNG files written (each has an SVG twin) */
    public static List<Path> writeAll(List<PointSummary> points, List<ResultRecord> records, Path dir) {
        List<Path> out = new ArrayList<>();
        List<PointSummary> em = points.stream().filter(p -> !"oracle".equals(p.algorithm())).toList();
        boolean traces = records.stream().anyMatch(r -> !"oracle".equals(r.algorithm()) && r.errorTrace() != null);
        if (!em.isEmpty() && traces) out.add(errorVsIteration(em, records, dir));
        if (hasFixedMnWithSeveralM(em)) {
            out.add(vsCoordinate(em, "m", Set.of("m", "n"), true, true, PointSummary::itersCensored,
                    "Iterations to target vs m at fixed mn", "iterations to target", dir, "iterations_vs_m"));
        }
        if (distinct(points, "mn") > 1) out.add(errorVsMn(points, dir));
        if (distinct(em, "snr") > 1) {
            out.add(vsCoordinate(em, "snr", Set.of("snr"), false, false, PointSummary::itersCensored,
                    "Iterations to target vs SNR", "iterations to target (never reached = max_iter + 1)", dir,
                    "iterations_vs_snr"));
        }
        if (distinct(em, "init_radius") > 1) {
            out.add(vsCoordinate(em, "init_radius", Set.of("init_radius"), false, false, PointSummary::itersCensored,
                    "Iterations to target vs initial radius", "iterations to target (never reached = max_iter + 1)",
                    dir, "iterations_vs_radius"));
        }
        return out;
    }

    /** Median error trace over the repetitions of each point (shorter traces hold their last value). */
    private static Path errorVsIteration(List<PointSummary> em, List<ResultRecord> records, Path dir) {
        XYChart c = Charts.chart("Error vs EM iteration (median over repetitions)", "iteration",
                "min(|theta - theta*|, |theta + theta*|)", false, true);
        Set<String> varying = varying(em, Set.of());
        int shown = 0;
        for (PointSummary p : em) {
            if (shown++ == MAX_SERIES) break;
            List<double[]> traces = new ArrayList<>();
            for (ResultRecord r : records) {
                // a failed run has no trace (its line says why)
                if (r.pointKey().equals(p.first().pointKey()) && r.errorTrace() != null) traces.add(r.errorTrace());
            }
            if (traces.isEmpty()) continue;
            int len = traces.stream().mapToInt(t -> t.length).max().orElse(1);
            double[] x = new double[len];
            double[] y = new double[len];
            for (int i = 0; i < len; i++) {
                double[] col = new double[traces.size()];
                for (int k = 0; k < col.length; k++) col[k] = traces.get(k)[Math.min(i, traces.get(k).length - 1)];
                x[i] = i;
                y[i] = Math.max(Stats.median(col), 1e-300);
            }
            c.addSeries(unique(c, label(p, varying, Set.of())), x, y);
        }
        return Charts.save(c, dir, "error_vs_iteration");
    }

    private static Path errorVsMn(List<PointSummary> points, Path dir) {
        XYChart c = Charts.chart("Final error vs mn (median over repetitions)", "mn (total samples)", "final error",
                true, true);
        for (Map.Entry<String, List<PointSummary>> s : series(points, Set.of("m", "n")).entrySet()) {
            TreeMap<Double, List<Double>> byMn = new TreeMap<>();
            for (PointSummary p : s.getValue()) byMn.computeIfAbsent((double) p.samples(), k -> new ArrayList<>()).add(p.errorMedian());
            if (byMn.size() < 2) continue;
            double[] x = byMn.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = byMn.values().stream().mapToDouble(v -> Stats.median(v.stream().mapToDouble(Double::doubleValue).toArray())).toArray();
            String name = s.getKey() + String.format(Locale.ROOT, " (slope %.2f)", Stats.logLogSlope(x, y));
            c.addSeries(unique(c, name), x, y);
        }
        return Charts.save(c, dir, "error_vs_mn");
    }

    private static Path vsCoordinate(List<PointSummary> points, String coord, Set<String> exclude, boolean logX,
                                     boolean byMn, ToDoubleFunction<PointSummary> y, String title, String yTitle,
                                     Path dir, String base) {
        XYChart c = Charts.chart(title, coord, yTitle, logX, false);
        Map<String, List<PointSummary>> series = series(points, exclude);
        for (Map.Entry<String, List<PointSummary>> s : series.entrySet()) {
            Map<String, List<PointSummary>> parts = new LinkedHashMap<>();
            for (PointSummary p : s.getValue()) parts.computeIfAbsent(byMn ? "mn=" + p.samples() : "", k -> new ArrayList<>()).add(p);
            for (Map.Entry<String, List<PointSummary>> part : parts.entrySet()) {
                TreeMap<Double, Double> xy = new TreeMap<>();
                for (PointSummary p : part.getValue()) xy.put(p.coordinate(coord), y.applyAsDouble(p));
                if (xy.size() < 2 || c.getSeriesMap().size() >= MAX_SERIES) continue;
                String name = (s.getKey() + " " + part.getKey()).trim();
                c.addSeries(unique(c, name), xy.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        xy.values().stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return Charts.save(c, dir, base);
    }

    /** Points grouped by every varying coordinate except the excluded ones. */
    private static Map<String, List<PointSummary>> series(List<PointSummary> points, Set<String> exclude) {
        Set<String> varying = varying(points, exclude);
        Map<String, List<PointSummary>> out = new LinkedHashMap<>();
        for (PointSummary p : points) out.computeIfAbsent(label(p, varying, exclude), k -> new ArrayList<>()).add(p);
        return out;
    }

    private static Set<String> varying(List<PointSummary> points, Set<String> exclude) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : COORDS) {
            if (exclude.contains(c)) continue;
            Set<String> values = new LinkedHashSet<>();
            for (PointSummary p : points) values.add(value(p, c));
            if (values.size() > 1 || c.equals("algorithm")) out.add(c);
        }
        return out;
    }

    private static String label(PointSummary p, Set<String> varying, Set<String> exclude) {
        StringBuilder b = new StringBuilder();
        for (String c : varying) {
            if (exclude.contains(c)) continue;
            b.append(b.length() == 0 ? "" : " ").append(c.equals("algorithm") ? value(p, c) : c + "=" + value(p, c));
        }
        return b.toString();
    }

    private static String value(PointSummary p, String c) {
        ResultRecord r = p.first();
        switch (c) {
            case "algorithm": return r.algorithm();
            case "model": return r.model();
            default: return RunPoint.num(p.coordinate(c));
        }
    }

    private static long distinct(List<PointSummary> points, String coord) {
        return points.stream().mapToDouble(p -> p.coordinate(coord)).distinct().count();
    }

    private static boolean hasFixedMnWithSeveralM(List<PointSummary> points) {
        Map<Long, Set<Integer>> ms = new TreeMap<>();
        for (PointSummary p : points) ms.computeIfAbsent(p.samples(), k -> new LinkedHashSet<>()).add(p.first().m());
        return ms.values().stream().anyMatch(s -> s.size() > 1);
    }

    private static String unique(XYChart c, String name) {
        String n = name.isEmpty() ? "all" : name;
        String out = n;
        for (int i = 2; c.getSeriesMap().containsKey(out); i++) out = n + " #" + i;
        return out;
    }
}
