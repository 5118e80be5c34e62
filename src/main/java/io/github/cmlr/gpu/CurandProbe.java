package io.github.cmlr.gpu;

import io.github.cmlr.random.CurandNormalStream;

/**
 * Checks at start-up that cuRAND's output, at the offsets the backend uses, is the stream the
 * CPU model describes (the LEGACY Philox layout is verified on a GPU only up to 262,144 doubles
 * from offset 0). When it is not, the backend generates with its own Philox kernel instead,
 * so datasets still match the CPU.
 */
final class CurandProbe {
    /** Probe seed and starts: offset 0, past the first 65536-thread round, a large multiple of 4. */
    static final long SEED = 0x5DEECE66DL;
    static final long[] STARTS = {0, 262_140, 1_000_004, 123_456_788};
    static final int LEN = 16;

    private CurandProbe() {}

    /** Null when cuRAND matches the CPU model, else what differed. */
    static String mismatch(GpuContext ctx, Rand rand) {
        CurandNormalStream model = new CurandNormalStream(SEED);
        try (DeviceBuffer buf = DeviceBuffer.doubles(ctx, LEN, "cuRAND probe")) {
            for (long start : STARTS) {
                rand.normalFill(SEED, start, buf.ptr(), LEN);
                double[] got = buf.download(LEN);
                double[] want = new double[LEN];
                model.fill(start, want, 0, LEN);
                Comparison c = Comparison.of("probe", "cuRAND from " + start, want, got, Tolerances.DATA);
                if (!c.passed()) {
                    return "cuRAND's stream from offset " + start + " differs from the CPU model (max |diff| " + c.maxAbs() + ")";
                }
            }
        }
        return null;
    }
}
