package io.github.cmlr.api;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.gpu.GpuBackendFactory;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the backend a user asked for: {@code auto}, {@code cpu} or {@code gpu}. */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private Backends() {}

    /**
     * @param choice  auto (GPU when usable, else CPU, saying which), cpu, or gpu (fail with
     *                {@link ExitCode#GPU_UNAVAILABLE} when no GPU is usable)
     * @param threads CPU threads (also used by the GPU backend for host-side work)
     */
    public static Backend open(String choice, int threads) {
        switch (choice.toLowerCase(Locale.ROOT)) {
            case "cpu":
                return new CpuBackend(threads);
            case "gpu": {
                GpuBackendFactory.Attempt a = GpuBackendFactory.tryOpen(threads);
                if (a.backend() == null) {
                    throw new CmlrException(ExitCode.GPU_UNAVAILABLE,
                            "--backend gpu: no usable GPU: " + a.reason() + " (run 'cmlr native-check' for details)");
                }
                return a.backend();
            }
            case "auto": {
                GpuBackendFactory.Attempt a = GpuBackendFactory.tryOpen(threads);
                if (a.backend() != null) {
                    LOG.info("backend auto: using {}", a.backend().description());
                    return a.backend();
                }
                CpuBackend cpu = new CpuBackend(threads);
                LOG.info("backend auto: using {} (GPU unavailable: {})", cpu.description(), a.reason());
                return cpu;
            }
            default:
                throw new CmlrException(ExitCode.USAGE, "--backend must be auto, cpu or gpu, got '" + choice + "'");
        }
    }
}
