package io.github.cmlr.gpu;

import io.github.cmlr.backend.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the GPU backend when the machine can run it, or says precisely why not. Never throws. */
public final class GpuBackendFactory {
    private static final Logger LOG = LoggerFactory.getLogger(GpuBackendFactory.class);

    /** Either a backend, or the reason none is usable. */
    public record Attempt(Backend backend, String reason) {}

    private GpuBackendFactory() {}

    public static Attempt tryOpen(int threads) {
        return tryOpen(threads, true, true);
    }

    /**
     * As {@link #tryOpen(int)}; {@code cublas} / {@code curand} false force the own kernels even
     * where the libraries load (the GPU tests compare both paths in one process).
     */
    public static Attempt tryOpen(int threads, boolean cublas, boolean curand) {
        byte[] fatbin = KernelImage.load();
        if (fatbin == null) {
            return new Attempt(null, "kernels not built (nvcc was not available when cmlr was built; "
                    + KernelImage.RESOURCE + " is missing)");
        }
        NativeLibraries.Status libs = NativeLibraries.load();
        if (!libs.driver()) return new Attempt(null, "no NVIDIA driver: " + libs.driverProblem());
        GpuContext ctx = null;
        try {
            int count = deviceCount();
            if (count == 0) return new Attempt(null, "the NVIDIA driver reports no CUDA device");
            ctx = new GpuContext(0, fatbin);
            return new Attempt(backend(ctx, cublas && libs.cublas(), curand && libs.curand()), null);
        } catch (RuntimeException | LinkageError e) {
            if (ctx != null) ctx.close();
            return new Attempt(null, e.getMessage());
        }
    }

    /** The backend on ctx, with cuBLAS / cuRAND where asked for and they work. */
    private static GpuBackend backend(GpuContext ctx, boolean cublas, boolean curand) {
        Blas blas = cublas ? openQuietly("cuBLAS", () -> new Blas(ctx)) : null;
        Rand rand = curand ? openQuietly("cuRAND", () -> new Rand(ctx)) : null;
        return new GpuBackend(ctx, blas, checkedRand(ctx, rand));
    }

    /** Number of CUDA devices; 0 when the driver says there are none. */
    static int deviceCount() {
        try {
            Cuda.drv("cuInit", () -> jcuda.driver.JCudaDriver.cuInit(0));
        } catch (GpuException e) {
            if (e.getMessage().contains("CUDA_ERROR_NO_DEVICE")) return 0;
            throw e;
        }
        int[] n = new int[1];
        Cuda.drv("cuDeviceGetCount", () -> jcuda.driver.JCudaDriver.cuDeviceGetCount(n));
        return n[0];
    }

    private static boolean probeWarned;

    /** The generator when its stream matches the CPU model, else null (own kernel), said once. */
    static synchronized Rand checkedRand(GpuContext ctx, Rand rand) {
        if (rand == null) return null;
        String problem;
        try {
            problem = CurandProbe.mismatch(ctx, rand);
        } catch (RuntimeException e) {
            problem = "the cuRAND probe failed: " + e.getMessage();
        }
        if (problem == null) return rand;
        rand.close();
        if (!probeWarned) LOG.warn("{}; generating with the own Philox kernel instead", problem);
        probeWarned = true;
        return null;
    }

    private static <T> T openQuietly(String what, java.util.function.Supplier<T> open) {
        try {
            return open.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("{} handle could not be created, using the own kernels instead: {}", what, e.getMessage());
            return null;
        }
    }
}
