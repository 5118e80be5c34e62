package io.github.cmlr.sweep;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a spec into its runs, in a fixed order: data factors outermost, then the repetition,
 * then the factors that choose what runs on the data, so all runs that share a dataset are
 * adjacent. A factor is one axis, or a zip group moving together.
 */
public final class SweepPlan {
    private final SweepSpec spec;
    private final List<RunPoint> runs;

    private SweepPlan(SweepSpec spec, List<RunPoint> runs) {
        this.spec = spec;
        this.runs = List.copyOf(runs);
    }

    public SweepSpec spec() { return spec; }

    /** Every run of the sweep, in plan order. */
    public List<RunPoint> runs() { return runs; }

    /** The number of runs a spec expands to, computed without expanding. */
    public static long count(Map<Axis, List<Object>> axes, List<List<Axis>> zip, int repetitions) {
        long total = repetitions;
        for (List<Axis> f : factors(axes, zip)) {
            int size = axes.get(f.get(0)).size();
            // saturate instead of overflowing: the caller only compares with a limit
            total = total > Long.MAX_VALUE / size ? Long.MAX_VALUE : total * size;
        }
        return total;
    }

    public static SweepPlan expand(SweepSpec spec) {
        List<List<Axis>> factors = factors(spec.axes(), spec.zip());
        List<List<Axis>> dataFactors = new ArrayList<>();
        List<List<Axis>> runFactors = new ArrayList<>();
        for (List<Axis> f : factors) (isData(f) ? dataFactors : runFactors).add(f);
        List<RunPoint> runs = new ArrayList<>();
        for (Map<Axis, Object> data : product(spec.axes(), dataFactors)) {
            for (int rep = 0; rep < spec.repetitions(); rep++) {
                for (Map<Axis, Object> rest : product(spec.axes(), runFactors)) {
                    Map<Axis, Object> all = new EnumMap<>(Axis.class);
                    all.putAll(data);
                    all.putAll(rest);
                    runs.add(point(all, rep));
                }
            }
        }
        return new SweepPlan(spec, runs);
    }

    /**
     * The runs of shard {@code index} of {@code count}: whole datasets are dealt round-robin in
     * plan order, so every run falls in exactly one shard and the algorithms compared on one
     * dataset stay together (the data is generated once).
     */
    public List<RunPoint> shard(int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is not 0 <= i < N");
        }
        List<RunPoint> out = new ArrayList<>();
        Map<String, Integer> groupOf = new LinkedHashMap<>();
        for (RunPoint r : runs) {
            int g = groupOf.computeIfAbsent(r.dataKey(), k -> groupOf.size());
            if (g % count == index) out.add(r);
        }
        return out;
    }

    /**
     * The distinct datasets of a spec without expanding it: the product of its data factors (a zip
     * group holding a data axis counts as one), without repetitions, in plan order.
     */
    public static List<Map<Axis, Object>> dataCombinations(SweepSpec spec) {
        List<List<Axis>> dataFactors = new ArrayList<>();
        for (List<Axis> f : factors(spec.axes(), spec.zip())) if (isData(f)) dataFactors.add(f);
        return product(spec.axes(), dataFactors);
    }

    /** Runs grouped by dataset (data key), in plan order. */
    public static Map<String, List<RunPoint>> byDataset(List<RunPoint> runs) {
        Map<String, List<RunPoint>> groups = new LinkedHashMap<>();
        for (RunPoint r : runs) groups.computeIfAbsent(r.dataKey(), k -> new ArrayList<>()).add(r);
        return groups;
    }

    private static boolean isData(List<Axis> factor) {
        for (Axis a : factor) if (a.isData()) return true;
        return false;
    }

    /** Factors in axis order; a zip group sits where its first axis would. */
    private static List<List<Axis>> factors(Map<Axis, List<Object>> axes, List<List<Axis>> zip) {
        List<List<Axis>> out = new ArrayList<>();
        for (Axis a : Axis.values()) {
            if (!axes.containsKey(a)) continue;
            List<Axis> group = null;
            for (List<Axis> g : zip) if (g.contains(a)) group = g;
            if (group == null) {
                out.add(List.of(a));
            } else if (!out.contains(group)) {
                out.add(group);
            }
        }
        return out;
    }

    /** The cartesian product of the factors, the last factor varying fastest. */
    private static List<Map<Axis, Object>> product(Map<Axis, List<Object>> axes, List<List<Axis>> factors) {
        List<Map<Axis, Object>> acc = new ArrayList<>();
        acc.add(new EnumMap<>(Axis.class));
        for (List<Axis> f : factors) {
            int len = axes.get(f.get(0)).size();
            List<Map<Axis, Object>> next = new ArrayList<>(acc.size() * len);
            for (Map<Axis, Object> partial : acc) {
                for (int i = 0; i < len; i++) {
                    Map<Axis, Object> m = new EnumMap<>(Axis.class);
                    m.putAll(partial);
                    for (Axis a : f) m.put(a, axes.get(a).get(i));
                    next.add(m);
                }
            }
            acc = next;
        }
        return acc;
    }

    private static RunPoint point(Map<Axis, Object> v, int rep) {
        double sigma = (Double) v.get(Axis.SIGMA);
        double thetaNorm = v.containsKey(Axis.THETA_NORM) ? (Double) v.get(Axis.THETA_NORM) : Double.NaN;
        double snr = Double.isNaN(thetaNorm) ? (Double) v.get(Axis.SNR) : thetaNorm / sigma;
        return new RunPoint(toInt(v.get(Axis.M)), toInt(v.get(Axis.N)), toInt(v.get(Axis.D)), sigma, snr, thetaNorm,
                (Double) v.get(Axis.INIT_RADIUS), (String) v.get(Axis.ALGORITHM), (String) v.get(Axis.MODEL),
                toInt(v.get(Axis.K)), (String) v.get(Axis.BACKEND), rep);
    }

    private static int toInt(Object o) {
        return Math.toIntExact((Long) o);
    }
}
