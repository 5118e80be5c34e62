package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/**
 * The Java/CUDA boundary without a GPU: every launch in {@link Kernels} passes exactly the
 * parameter types of the kernel's signature in {@code kernels/*.cu} (a wrong int/int64_t or a
 * missing argument corrupts a launch silently), every kernel is launched, the launch shapes are
 * legal, and the constants shared by both sides agree.
 */
class KernelSignatureTest {
    private static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (?:__launch_bounds__\\(\\d+\\) )?(\\w+)\\(([^)]*)\\)");

    record Launch(String name, int gridX, int gridY, int block, int shared, String types) {}

    static Map<String, String> signatures() throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String f : List.of("generation.cu", "statistics.cu", "estep.cu", "reductions.cu")) {
            Matcher m = KERNEL.matcher(Files.readString(Path.of("kernels", f)));
            while (m.find()) out.put(m.group(1), types(m.group(2)));
        }
        return out;
    }

    /** "int m, const double* x, uint64_t s" -> "int,ptr,int64_t". */
    static String types(String params) {
        List<String> t = new ArrayList<>();
        for (String p : params.split(",")) {
            String s = p.trim().replace("const ", "");
            if (s.contains("*")) t.add("ptr");
            else if (s.startsWith("int64_t") || s.startsWith("uint64_t")) t.add("int64_t");
            else if (s.startsWith("int ")) t.add("int");
            else if (s.startsWith("double ")) t.add("double");
            else t.add("unknown:" + s);
        }
        return String.join(",", t);
    }

    static List<Launch> recordAll() {
        List<Launch> out = new ArrayList<>();
        Kernels k = new Kernels(null, (name, gx, gy, block, shared, args) -> {
            List<String> t = new ArrayList<>();
            for (Kernels.Arg a : args) t.add(a.type());
            out.add(new Launch(name, gx, gy, block, shared, String.join(",", t)));
        });
        CUdeviceptr p = new CUdeviceptr();
        int m = 100_003, d = 10, w = Kernels.stackedWidth(d);
        k.normalFill(1, 4, p, 1_000_001);
        k.fillNodes(1_000_000, 10, d, p, 1.0, p, p, p, p);
        k.copyDoubles(p, p, 1 << 20);
        k.nodeStats(m, d, p, p, p, p, 8);
        k.nodeStats(m, 62, p, p, p, p, 0);
        k.fillCountColumns(m, d, p, p, 8);
        k.symmetricWeights(m, d, p, p, 1.0, p, p);
        k.symmetricWeightsRows(m, d, 17, p, p, p, p, 1.0, p, p);
        k.symmetricWeightsSamples(100_000_000L, d, p, p, p, 1.0, p, p);
        k.posteriors(m, d, 32, p, p, p, null, p);
        k.posteriorsRows(m, d, 32, 17, p, p, p, p, p, null, p);
        k.posteriorsSamples(100_000_000L, d, 3, p, p, p, p, p, p);
        k.sumInOrder(p, 100_000_000L, p, p);
        k.componentSums(m, w, 0, w, 32, p, p, p);
        k.componentSumsSamples(100_000_000L, d, 0, w, 32, p, p, p, p);
        k.componentSumsRows(100_000_000L, d, 0, w, 32, p, p, p, p, p);
        k.rowWeights(100_000_000L, 32, p, p, p);
        k.sumPartials(p, Kernels.chunks(100_000_000L), 32 * w, p);
        return out;
    }

    @Test
    void everyLaunchMatchesItsKernelSignature() throws IOException {
        Map<String, String> sig = signatures();
        List<Launch> launches = recordAll();
        for (Launch l : launches) {
            assertTrue(sig.containsKey(l.name()), "no kernel " + l.name() + " in kernels/*.cu");
            assertEquals(sig.get(l.name()), l.types(), "argument types of " + l.name());
        }
        TreeSet<String> launched = new TreeSet<>();
        launches.forEach(l -> launched.add(l.name()));
        assertEquals(new TreeSet<>(sig.keySet()), launched, "kernels defined vs kernels launched");
        assertEquals(new TreeSet<>(KernelImageTest.KERNELS), launched, "KernelImageTest.KERNELS is out of date");
    }

    @Test
    void launchShapesAreLegalForEveryTarget() {
        for (Launch l : recordAll()) {
            assertTrue(l.block() >= 32 && l.block() <= 1024 && l.block() % 32 == 0, l.toString());
            assertTrue(l.gridX() >= 1 && l.gridX() <= Integer.MAX_VALUE && l.gridY() >= 1 && l.gridY() <= 65535, l.toString());
            assertTrue(l.shared() <= 48 * 1024, l.toString());
            if (l.name().equals("sumInOrder")) assertEquals(Kernels.REDUCE_THREADS, l.block(), "sumInOrder needs CMLR_REDUCE_THREADS");
        }
    }

    @Test
    void constantsSharedWithTheKernelsAgree() throws IOException {
        String common = Files.readString(Path.of("kernels", "common.cuh"));
        String stats = Files.readString(Path.of("kernels", "statistics.cu"));
        assertTrue(common.contains("#define CMLR_REDUCE_THREADS " + Kernels.REDUCE_THREADS));
        assertTrue(common.contains("#define CMLR_MAX_COMPONENTS " + Kernels.MAX_COMPONENTS));
        assertTrue(stats.contains("#define STATS_TILE " + Kernels.STATS_TILE));
        assertTrue(common.contains("return d * d + d + 3;"), "stacked width");
        assertEquals(10 * 10 + 10 + 3, Kernels.stackedWidth(10));
    }
}
