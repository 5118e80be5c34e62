package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Opens the GPU backend for the tests tagged "gpu". Without a usable GPU they are skipped with
 * the reason shown, unless -Dcmlr.gpu.tests.required=true (mvn -Pgpu test) makes that a failure.
 */
final class GpuTestSupport {
    private GpuTestSupport() {}

    /** The backend, or null (then {@link #require} skips or fails each test with the reason). */
    static GpuBackendFactory.Attempt open(boolean cublas, boolean curand) {
        GpuBackendFactory.Attempt a = GpuBackendFactory.tryOpen(2, cublas, curand);
        if (a.backend() == null) System.err.println("[gpu tests] skipped: no usable GPU: " + a.reason());
        return a;
    }

    /** Call first in every GPU test: skips with the reason, or fails under -Pgpu. */
    static GpuBackend require(GpuBackendFactory.Attempt a) {
        if (a.backend() == null) {
            if (Boolean.getBoolean("cmlr.gpu.tests.required")) fail("GPU tests required (-Pgpu) but no GPU is usable: " + a.reason());
            Assumptions.abort("no usable GPU: " + a.reason());
        }
        return (GpuBackend) a.backend();
    }
}
