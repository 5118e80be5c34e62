package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The report of {@code bench gpu} from its figures: text shares in percent, JSON with every name. */
class GpuBenchFiguresTest {
    static final GpuBenchCommand.Figures F = new GpuBenchCommand.Figures("gpu (test)", 100000, 1000, 10, 10, 8192, 1e8, 4e12,
            "cuRAND", 1e11, "cuBLAS strided-batched GEMM", 0.012, 0.25, 0.05, 0.40, 2.5e8, 0.9, 0.6, 1e-3, 16, 2000, 1e7);

    @Test
    void textGivesRatesSharesAndTheCpuRatio() {
        String t = GpuBenchCommand.text(F);
        assertTrue(t.contains("baselines: device copy bandwidth 4000.0 GB/s; raw cuRAND 1.00e+11 normals/s"), t);
        assertTrue(t.contains("generation: 0.012 s, 9.17e+10 normals/s = 90% of raw generation"), t); // (1e8 * 11 + 1e5) / 0.012
        assertTrue(t.contains("statistics: 0.250 s, reads 35.2 GB/s = 60% of the copy bandwidth (cuBLAS strided-batched GEMM)"), t);
        assertTrue(t.contains("ratio: GPU pipeline 25.0x the CPU pipeline"), t);
    }

    @Test
    void jsonNamesEveryFigure() throws Exception {
        JsonNode j = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(F));
        assertEquals(GpuBenchCommand.Figures.class.getRecordComponents().length, j.size());
        assertEquals(0.6, j.get("statisticsShareOfCopyBandwidth").asDouble());
        assertEquals(2.5e8, j.get("samplesPerSecond").asDouble());
    }
}
