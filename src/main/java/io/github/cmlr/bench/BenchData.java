package io.github.cmlr.bench;

import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.util.AtomicFiles;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The benchmark datasets: pure functions of their specs, so R and cmlr see the same numbers. */
public final class BenchData {
    /**
     * The flexmix comparison: 2,000 nodes of 100 rows (200,000 rows), 50 features, the paper's
     * symmetric two-component model at SNR 4, sigma 1.
     */
    public static final SyntheticSpec FLEXMIX = SyntheticSpec.withSnr(2000, 100, 50, 1.0, 4.0, 20240501L);

    /**
     * The end-to-end comparison of issue 13: 10,000 nodes of 20 rows (200,000 rows), 50 features,
     * the same model: fewer rows per node than features, as many grouped datasets have.
     */
    public static final SyntheticSpec END_TO_END = SyntheticSpec.withSnr(10_000, 20, 50, 1.0, 4.0, 20240502L);

    private BenchData() {}

    /** Writes {@code node,y,x1..xd} with node ids {@code n0..n(m-1)}; doubles in shortest round-trip form. */
    public static void writeCsv(Dataset data, Path out) {
        int d = data.dim();
        AtomicFiles.write(out, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.US_ASCII), 1 << 20);
            StringBuilder h = new StringBuilder("node,y");
            for (int i = 1; i <= d; i++) h.append(",x").append(i);
            w.write(h.append('\n').toString());
            StringBuilder b = new StringBuilder(1024);
            for (int j = 0; j < data.nodes(); j++) {
                String id = "n" + j;
                for (int r = data.nodeOffset(j); r < data.nodeOffset(j + 1); r++) {
                    b.setLength(0);
                    b.append(id).append(',').append(data.y()[r]);
                    for (int i = 0; i < d; i++) b.append(',').append(data.x()[r * d + i]);
                    w.write(b.append('\n').toString());
                }
            }
            w.flush();
        });
    }
}
