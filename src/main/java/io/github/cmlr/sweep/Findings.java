package io.github.cmlr.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.util.JsonNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The numbers the report states, computed from a sweep's result lines. Each method answers one
 * question of the paper's claims; {@link #toMap()} gathers them for report.json.
 */
public final class Findings {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> reasons = new LinkedHashMap<>();

    public void put(String key, Object value) {
        values.put(key, value);
    }

    /** A finding that does not exist, and why (report.json states the reason). */
    public void absent(String key, String reason) {
        values.put(key, null);
        reasons.put(key, reason);
    }

    public Object get(String key) {
        return values.get(key);
    }

    public Map<String, Object> toMap() {
        return values;
    }

    /**
     * The findings as report.json holds them: a number that these runs cannot give (no run
     * reached the target, fewer than two points for a slope) is left out with a
     * {@code <key>_reason} ({@link JsonNumbers}), never NaN or null.
     */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number n && !(v instanceof Integer || v instanceof Long)) {
                JsonNumbers.put(o, e.getKey(), n.doubleValue(), JsonNumbers.Style.SNAKE,
                        "not computable from these runs (no run reached the target, or too few points)");
            } else if (v == null) {
                JsonNumbers.absent(o, e.getKey(), JsonNumbers.Style.SNAKE, reasons.getOrDefault(e.getKey(), "not computable from these runs"));
            } else {
                o.set(e.getKey(), mapper.valueToTree(v));
            }
        }
        JsonNumbers.requireClean(o, "report.json");
        return o;
    }

    /** Points of one algorithm, in order. */
    static List<PointSummary> of(List<PointSummary> points, String algorithm) {
        return select(points, p -> p.algorithm().equals(algorithm));
    }

    static List<PointSummary> select(List<PointSummary> points, Predicate<PointSummary> keep) {
        List<PointSummary> out = new ArrayList<>();
        for (PointSummary p : points) if (keep.test(p)) out.add(p);
        return out;
    }

    /** Median over the repetitions of err(t+1)/err(t), the error ratio of step t+1. */
    static double stepRatio(List<ResultRecord> records, String algorithm, int t) {
        List<Double> ratios = new ArrayList<>();
        for (ResultRecord r : records) {
            if (!r.algorithm().equals(algorithm) || r.errorTrace() == null) continue;
            double[] e = r.errorTrace();
            if (t + 1 < e.length) ratios.add(e[t + 1] / e[t]);
        }
        return Stats.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Slope of median iterations to target (censored) against log(mn/d). */
    static double iterationSlope(List<PointSummary> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            PointSummary p = points.get(i);
            x[i] = Math.log(p.samples() / (double) p.first().d());
            y[i] = p.itersCensored();
        }
        return Stats.fitLine(x, y)[1];
    }

    /** Log-log slope of median final error against mn. */
    static double errorSlope(List<PointSummary> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).samples();
            y[i] = points.get(i).errorMedian();
        }
        return Stats.logLogSlope(x, y);
    }

    /** Counts of how the runs of a point ended: [reached target, converged above it, out of budget]. */
    static int[] outcomes(List<ResultRecord> records, String pointKey) {
        int[] c = new int[3];
        for (ResultRecord r : records) {
            if (!r.pointKey().equals(pointKey)) continue;
            if (r.reachedTarget()) c[0]++;
            else if ("MAX_ITERATIONS".equals(r.stopReason())) c[2]++;
            else c[1]++;
        }
        return c;
    }
}
