package io.github.cmlr.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcurand.JCurand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the native side of the GPU backend once per process: the CUDA libraries found by
 * {@link CudaLibraryLocator} are loaded by full path BEFORE the JNI libraries that need them, so a
 * libcublas or libcurand outside the loader path (a Python wheel, CUDA_HOME) satisfies them.
 * cuBLAS and cuRAND are optional: without them the backend uses its own kernels, and says so once.
 * {@code -Dcmlr.gpu.cublas=off} / {@code -Dcmlr.gpu.curand=off} (or the environment variables
 * CMLR_GPU_CUBLAS / CMLR_GPU_CURAND = off) force the own kernels, e.g. to compare both paths.
 */
public final class NativeLibraries {
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);

    /** What loaded and what did not, with reasons; immutable. */
    public record Status(boolean driver, String driverProblem, boolean cublas, String cublasProblem,
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
        String driverProblem = loadDriver(locator, loaded);
        boolean driver = driverProblem == null;
        if (!driver) {
            String skipped = "not tried: the CUDA driver did not load";
            return new Status(false, driverProblem, false, skipped, false, skipped, List.copyOf(loaded));
        }
        String cublasProblem = disabled("cublas");
        if (cublasProblem == null) cublasProblem = loadOptional(locator, loaded, List.of("libcublasLt.so.12", "libcublas.so.12"),
                "JCublas2", () -> { JCublas2.initialize(); Cuda.enableCublasExceptions(); });
        String curandProblem = disabled("curand");
        if (curandProblem == null) curandProblem = loadOptional(locator, loaded, List.of("libcurand.so.10"),
                "JCurand", () -> { JCurand.initialize(); Cuda.enableCurandExceptions(); });
        return new Status(driver, driverProblem, cublasProblem == null, cublasProblem, curandProblem == null,
                curandProblem, List.copyOf(loaded));
    }

    private static String loadDriver(CudaLibraryLocator locator, List<String> loaded) {
        CudaLibraryLocator.Found cuda = locator.find("libcuda.so.1");
        try {
            if (cuda != null) {
                System.load(cuda.path().toString());
                loaded.add(cuda.path() + " (" + cuda.source() + ")");
            }
            JCudaDriver.setExceptionsEnabled(true);
            return null;
        } catch (Throwable e) {
            return (cuda == null ? "libcuda.so.1 (the NVIDIA driver) was not found" : "the JCuda driver library did not load")
                    + ": " + shortReason(e);
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
