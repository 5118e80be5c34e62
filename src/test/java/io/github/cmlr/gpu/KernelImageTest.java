package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The build compiled kernels/*.cu with nvcc into the fatbin on the classpath. */
class KernelImageTest {
    /** Every kernel the Java side launches (Kernels.java), each named after its CPU reference. */
    static final List<String> KERNELS = List.of("normalFill", "fillNodes", "copyDoubles", "nodeStats", "fillCountColumns",
            "symmetricWeights", "symmetricWeightsRows", "symmetricWeightsSamples", "posteriors", "posteriorsRows", "posteriorsSamples",
            "sumInOrder", "componentSums", "componentSumsRows", "componentSumsSamples", "rowWeights", "sumPartials");

    static boolean nvccAvailable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nvcc"))) return true;
        String home = System.getenv("CUDA_HOME");
        return (home != null && Files.isExecutable(Path.of(home, "bin", "nvcc"))) || Files.isExecutable(Path.of("/usr/local/cuda/bin/nvcc"));
    }

    @Test
    void fatbinIsPackagedAndHoldsEveryKernel() {
        assumeTrue(nvccAvailable() || KernelImage.present(), "nvcc is not installed here: the build skipped the kernels");
        byte[] fatbin = KernelImage.load();
        assertNotNull(fatbin, "nvcc is available but " + KernelImage.RESOURCE + " is missing: kernels/build.sh did not run");
        String text = new String(fatbin, StandardCharsets.ISO_8859_1);
        for (String k : KERNELS) assertTrue(text.contains(k), "kernel " + k + " missing from the fatbin");
    }
}
