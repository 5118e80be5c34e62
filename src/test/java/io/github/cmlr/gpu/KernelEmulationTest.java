package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cmlr.random.CurandNormalStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the CUDA kernels on the CPU (kernels/emulate: g++ and a shim of the execution model) so
 * their indexing, shared-memory tiling and fixed-order reductions are checked without a GPU; the
 * emulated normalFill must reproduce CurandNormalStream, including at odd and non-zero starts.
 * Device math (sincospi, log) is approximated there, hence the 1e-14 tolerance.
 */
class KernelEmulationTest {
    @TempDir
    Path work;

    private static boolean hasGpp() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "g++"))) return true;
        }
        return false;
    }

    @Test
    void kernelsMatchTheirFormulasAndTheStreamMatchesTheCpuModel() throws IOException, InterruptedException {
        assumeTrue(hasGpp(), "g++ is not installed: kernel emulation skipped");
        Path script = Path.of("kernels/emulate/run.sh").toAbsolutePath();
        assumeTrue(Files.exists(script), "kernels/emulate/run.sh not found from " + Path.of("").toAbsolutePath());
        Process p = new ProcessBuilder("bash", script.toString(), work.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "emulation timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("all checks passed"), out);

        CurandNormalStream stream = new CurandNormalStream(42);
        List<String> lines = Files.readAllLines(work.resolve("stream.txt"));
        assertTrue(lines.size() > 4000, "stream.txt has " + lines.size() + " lines");
        for (String line : lines) {
            String[] f = line.split(" ");
            long index = Long.parseLong(f[0]) + Integer.parseInt(f[1]);
            double got = Double.parseDouble(f[2]);
            assertEquals(stream.normal(index), got, 1e-14, "stream index " + index);
        }
    }
}
