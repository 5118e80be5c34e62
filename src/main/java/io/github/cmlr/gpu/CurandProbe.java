package io.github.cmlr.gpu;

import io.github.cmlr.random.CurandNormalStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks at start-up that cuRAND's output, at the offsets the backend uses, is the stream the
 * CPU model describes (the LEGACY Philox layout is verified on a GPU only up to 262,144 doubles
 * from offset 0). cuRAND's documentation does not say whether the generator offset of a double
 * generator counts doubles or 32-bit words, so both readings are tried and the one that matches
 * is kept in the generator. When neither matches, the backend generates with its own Philox
 * kernel instead, so datasets still match the CPU.
 */
final class CurandProbe {
    /** Probe seed and starts: offset 0, past the first 65536-thread round, a large multiple of 4. */
    static final long SEED = 0x5DEECE66DL;
    static final long[] STARTS = {0, 262_140, 1_000_004, 123_456_788};
    static final int LEN = 16;
    /** Offset units per stream value, in the order tried: doubles first, then 32-bit words. */
    static final int[] SCALES = {1, 2};

    /** Fills {@code len} values of the stream with {@code seed} from {@code start} into a host array. */
    @FunctionalInterface
    interface Source {
        double[] fill(long seed, long start, int len);
    }

    private CurandProbe() {}

    /** Null when cuRAND matches the CPU model (rand then uses the matching offset scale), else what differed. */
    static String mismatch(GpuContext ctx, Rand rand) {
        try (DeviceBuffer buf = DeviceBuffer.doubles(ctx, LEN, "cuRAND probe")) {
            return calibrate(scale -> {
                rand.offsetScale(scale);
                return (seed, start, len) -> {
                    rand.normalFill(seed, start, buf.ptr(), len);
                    return buf.download(len);
                };
            }, s -> rand.offsetScale(s));
        }
    }

    /**
     * Tries each offset scale with the source that {@code sources} gives for it; leaves the first
     * that matches at every start in place through {@code keep} and returns null, else describes
     * the differences of every scale.
     */
    static String calibrate(java.util.function.IntFunction<Source> sources, java.util.function.IntConsumer keep) {
        CurandNormalStream model = new CurandNormalStream(SEED);
        List<String> problems = new ArrayList<>();
        for (int scale : SCALES) {
            String problem = firstDifference(sources.apply(scale), model);
            if (problem == null) {
                keep.accept(scale);
                return null;
            }
            problems.add("offset in " + (scale == 1 ? "doubles" : "32-bit words") + ": " + problem);
        }
        keep.accept(SCALES[0]);
        return "cuRAND's stream differs from the CPU model (" + String.join("; ", problems) + ")";
    }

    private static String firstDifference(Source source, CurandNormalStream model) {
        for (long start : STARTS) {
            double[] got = source.fill(SEED, start, LEN);
            double[] want = new double[LEN];
            model.fill(start, want, 0, LEN);
            Comparison c = Comparison.of("probe", "cuRAND from " + start, want, got, Tolerances.DATA);
            if (!c.passed()) {
                return "from stream index " + start + " max |diff| " + c.maxAbs() + "; its first values are CPU-model indices "
                        + locate(got, start, model);
            }
        }
        return null;
    }

    /** Values located per got value; a window of model indices searched around each candidate. */
    static final int LOCATE_VALUES = 8;
    private static final int LOCATE_WINDOW = 64;

    /**
     * Where cuRAND's first values sit in the CPU model's stream ("?" where not found), searching
     * near the plausible readings of the offset (0, start/2, start, 2*start): a device run's
     * report then shows the real layout, so the model can be fixed without another run.
     */
    static String locate(double[] got, long start, CurandNormalStream model) {
        java.util.Map<Long, Double> candidates = new java.util.TreeMap<>();
        for (long centre : new long[] {0, start / 2, start, 2 * start}) {
            for (long j = Math.max(0, centre - LOCATE_WINDOW); j < centre + LOCATE_WINDOW; j++) {
                candidates.computeIfAbsent(j, model::normal);
            }
        }
        List<String> where = new ArrayList<>();
        for (int i = 0; i < Math.min(LOCATE_VALUES, got.length); i++) {
            String at = "?";
            for (java.util.Map.Entry<Long, Double> e : candidates.entrySet()) {
                if (Math.abs(e.getValue() - got[i]) <= 1e-13) {
                    at = String.valueOf(e.getKey());
                    break;
                }
            }
            where.add(at);
        }
        return where.toString();
    }
}
