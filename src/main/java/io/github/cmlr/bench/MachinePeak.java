package io.github.cmlr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's nominal double-precision peak, {@code cores * GHz * FLOP/cycle}, from
 * /proc/cpuinfo: FLOP/cycle per core is 32 with AVX-512 (two 8-wide FMA units), 16 with AVX2+FMA
 * (two 4-wide FMA units), 4 otherwise (SSE2). This is an assumption about the FMA units (some
 * parts have one AVX-512 unit), stated with the result; the clock is the current "cpu MHz", not
 * the turbo clock.
 *
 * @param cores        logical processors the JVM may use
 * @param ghz          clock from /proc/cpuinfo (NaN when unknown)
 * @param flopsPerCycle double-precision FLOP per cycle per core, from the ISA flags
 * @param model        CPU model name
 */
public record MachinePeak(int cores, double ghz, int flopsPerCycle, String model) {

    public double gflops() {
        return cores * ghz * flopsPerCycle;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s: %d cores x %.2f GHz x %d DP FLOP/cycle = %.1f GFLOP/s",
                model, cores, ghz, flopsPerCycle, gflops());
    }

    public static MachinePeak read() {
        int cores = Runtime.getRuntime().availableProcessors();
        double ghz = Double.NaN;
        String model = "unknown CPU";
        String flags = "";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                String v = l.contains(":") ? l.substring(l.indexOf(':') + 1).trim() : "";
                if (l.startsWith("model name") && model.startsWith("unknown")) model = v;
                if (l.startsWith("cpu MHz") && Double.isNaN(ghz)) ghz = Double.parseDouble(v) / 1000.0;
                if (l.startsWith("flags") && flags.isEmpty()) flags = " " + v + " ";
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or unreadable: peak unknown
        }
        int fpc = flags.contains(" avx512f ") ? 32 : flags.contains(" avx2 ") && flags.contains(" fma ") ? 16 : 4;
        return new MachinePeak(cores, ghz, fpc, model);
    }
}
