package io.github.cmlr.gpu;

import io.github.cmlr.backend.Backend;

/** Opens the GPU backend when the machine can run it (implemented by the GPU issue). */
public final class GpuBackendFactory {
    /** Either a backend, or the reason none is usable. */
    public record Attempt(Backend backend, String reason) {}

    private GpuBackendFactory() {}

    public static Attempt tryOpen(int threads) {
        return new Attempt(null, "the GPU backend is not built yet");
    }
}
