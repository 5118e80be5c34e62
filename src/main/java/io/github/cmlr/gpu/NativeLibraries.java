package io.github.cmlr.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jcuda.driver.JCudaDriver;
import jcuda.jcurand.JCurand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the native side of the GPU backend once per process. The NVIDIA driver (libcuda.so.1)
 * comes from the system loader only: a copy elsewhere on disk may belong to another driver than
 * the running kernel module (a container's stale copy), so it is never loaded by path. The CUDA
 * libraries found by {@link CudaLibraryLocator} (libcublas, libcurand) are loaded by full path
 * BEFORE the JNI libraries that need them, so a Python wheel or CUDA_HOME satisfies them; cuBLAS
 * 12 or 13 is chosen by {@link CublasLoader}. cuBLAS and cuRAND are optional: without them the
 * backend uses its own kernels, and says so once. {@code -Dcmlr.gpu.cublas=off} /
 * {@code -Dcmlr.gpu.curand=off} (or the environment variables CMLR_GPU_CUBLAS / CMLR_GPU_CURAND =
 * off) force the own kernels, e.g. to compare both paths.
 */
public final class NativeLibraries {
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);

    /**
     * What loaded and what did not, with reasons; immutable. {@code cublasRoute} says which
     * cuBLAS JCublas2 uses and from where (null without cuBLAS).
     */
    public record Status(boolean driver, String driverProblem, boolean cublas, String cublasProblem, String cublasRoute,
                         boolean curand, String curandProblem, List<String> loaded) {}

    private static Status status;

    private NativeLibraries() {}

    /** Loads everything once; later calls return the same status. Never throws. */
    public static synchronized Status load() {
        if (status == null) {
            status = loadNow(CudaLibraryLocator.system());
            if (status.driver()) sayFallbacks(status);
        }
        return status;
    }

    private static Status loadNow(CudaLibraryLocator locator) {
        List<String> loaded = new ArrayList<>();
        String driverProblem = loadDriver();
        if (driverProblem != null) {
            String skipped = "not tried: the CUDA driver did not load";
            return new Status(false, driverProblem, false, skipped, null, false, skipped, List.copyOf(loaded));
        }
        String cublasProblem = disabled("cublas");
        String cublasRoute = null;
        if (cublasProblem == null) {
            CublasLoader.Outcome o = CublasLoader.load(locator, loaded);
            cublasProblem = o.problem();
            cublasRoute = o.route();
        }
        String curandProblem = disabled("curand");
        if (curandProblem == null) curandProblem = loadOptional(locator, loaded, List.of("libcurand.so.10"),
                "JCurand", () -> { JCurand.initialize(); Cuda.enableCurandExceptions(); });
        return new Status(true, null, cublasProblem == null, cublasProblem, cublasRoute, curandProblem == null, curandProblem,
                List.copyOf(loaded));
    }

    /** JCuda's driver JNI library; its dependency libcuda.so.1 is resolved by the system loader. */
    private static String loadDriver() {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            return null;
        } catch (Throwable e) {
            String reason = shortReason(e);
            return (reason.contains("libcuda.so.1") ? "libcuda.so.1 (the NVIDIA driver) is not on the system loader path"
                    : "the JCuda driver library did not load") + ": " + reason;
        }
    }

    /**
     * JCuda's load errors carry whole nested stack traces; the useful part is the loader's last
     * complaint, e.g. "libcuda.so.1: cannot open shared object file".
     */
    static String shortReason(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        String best = null;
        for (String line : msg.split("\\R")) {
            int i = line.indexOf("UnsatisfiedLinkError: ");
            if (i >= 0) best = line.substring(i + "UnsatisfiedLinkError: ".length()).trim();
        }
        if (best != null) return best;
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    private static String loadOptional(CudaLibraryLocator locator, List<String> loaded, List<String> sonames,
                                       String jni, Runnable init) {
        try {
            for (String so : sonames) {
                CudaLibraryLocator.Found f = locator.find(so);
                if (f != null) {
                    System.load(f.path().toString());
                    loaded.add(f.path() + " (" + f.source() + ")");
                }
            }
            init.run();
            return null;
        } catch (Throwable e) {
            String missing = String.join(", ", sonames);
            return jni + " did not load (needs " + missing + "): " + shortReason(e);
        }
    }

    /** A reason when the user switched the library off, else null. */
    static String disabled(String lib) {
        String prop = System.getProperty("cmlr.gpu." + lib);
        String envv = System.getenv("CMLR_GPU_" + lib.toUpperCase(Locale.ROOT));
        String v = prop != null ? prop : envv;
        return v != null && v.equalsIgnoreCase("off") ? "switched off by cmlr.gpu." + lib + "=off" : null;
    }

    private static void sayFallbacks(Status s) {
        if (!s.cublas()) LOG.warn("cuBLAS unavailable, the GPU backend uses its own kernels for the batched products: {}",
                s.cublasProblem());
        if (!s.curand()) LOG.warn("cuRAND unavailable, the GPU backend generates with its own Philox kernel: {}",
                s.curandProblem());
    }
}
