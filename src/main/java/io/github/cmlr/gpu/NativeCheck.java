package io.github.cmlr.gpu;

import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.model.SyntheticSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * The stages of {@code cmlr native-check}, in order; the first failing stage decides the exit
 * code and the later ones are skipped. cuBLAS and cuRAND are optional (the backend has its own
 * kernels): without them the stage reports "fallback", which fails only with {@code strict}.
 */
public final class NativeCheck {
    /** Exit codes, one per failing stage (documented in README, section gpu). */
    public enum Stage {
        KERNELS(20, "kernels", "kernel fatbin packaged in the jar"),
        DRIVER(21, "driver", "NVIDIA driver (libcuda.so.1) and CUDA version"),
        LIBRARIES(0, "cuda-libraries", "CUDA libraries found, and where"),
        JCUDA(22, "jcuda-natives", "JCuda JNI libraries load"),
        DEVICES(23, "gpus", "GPUs: name, compute capability, memory"),
        MODULE(24, "kernel-module", "kernel module loads for this GPU"),
        CUBLAS(25, "cublas", "cuBLAS handle (JCublas2 on libcublas.so.12, or its copy retargeted to libcublas.so.13)"),
        CURAND(26, "curand", "cuRAND generator (JCurand, libcurand.so.10)"),
        FIT(27, "tiny-fit", "tiny GPU-vs-CPU crosscheck");

        public final int exitCode;
        public final String id;
        public final String title;

        Stage(int exitCode, String id, String title) {
            this.exitCode = exitCode;
            this.id = id;
            this.title = title;
        }
    }

    /** ok, fail, fallback (optional library missing; own kernels used), skipped, info. */
    public record Result(Stage stage, String status, String detail) {}

    /** All stage results, the verdict line and the exit code. */
    public record Report(List<Result> results, String verdict, int exitCode, boolean gpuPresent) {}

    private final List<Result> results = new ArrayList<>();
    private final boolean strict;

    public NativeCheck(boolean strict) {
        this.strict = strict;
    }

    public Report run() {
        results.clear();
        byte[] fatbin = KernelImage.load();
        add(Stage.LIBRARIES, "info", librariesFound());
        if (fatbin == null) return finish(fail(Stage.KERNELS, "missing: " + KernelImage.RESOURCE
                + " (cmlr was built without nvcc; rebuild with nvcc on the PATH)"), false);
        add(Stage.KERNELS, "ok", KernelImage.RESOURCE + ", " + fatbin.length + " bytes (sm_80, sm_86, sm_89, sm_90, compute_90 PTX)");
        NativeLibraries.Status libs = NativeLibraries.load();
        if (!libs.driver()) return finish(driverMissing(libs.driverProblem()), false);
        add(Stage.JCUDA, "ok", "libJCudaDriver loaded" + (libs.loaded().isEmpty() ? "" : "; loaded first: " + libs.loaded()));
        Result driver = driverStage();
        if (driver.status().equals("fail")) return finish(driver, false);
        Result devices = devicesStage();
        if (devices.status().equals("fail")) return finish(devices, false);
        final GpuContext ctx;
        try {
            ctx = new GpuContext(0, fatbin);
        } catch (RuntimeException e) {
            return finish(fail(Stage.MODULE, e.getMessage()), true);
        }
        add(Stage.MODULE, "ok", "loaded on " + ctx.deviceName());
        Blas blas = optional(Stage.CUBLAS, libs.cublas(), libs.cublasProblem(), () -> new Blas(ctx),
                b -> "handle created: cuBLAS " + b.version() + " through " + libs.cublasRoute());
        Rand rand = optional(Stage.CURAND, libs.curand(), libs.curandProblem(), () -> new Rand(ctx), r -> "generator created");
        if (rand != null) {
            String mismatch;
            try {
                mismatch = CurandProbe.mismatch(ctx, rand);
            } catch (RuntimeException e) {
                mismatch = "the cuRAND probe failed: " + e.getMessage();
            }
            if (mismatch != null) {
                rand.close();
                rand = null;
                results.removeIf(r -> r.stage() == Stage.CURAND);
                add(Stage.CURAND, strict ? "fail" : "fallback", mismatch + (strict ? "" : "; the backend uses its own Philox kernel"));
            } else {
                results.removeIf(r -> r.stage() == Stage.CURAND);
                add(Stage.CURAND, "ok", "generator created; its stream matches the CPU model at stream indices "
                        + java.util.Arrays.toString(CurandProbe.STARTS) + " with the generator offset counted in "
                        + (rand.offsetScale() == 1 ? "doubles" : "32-bit words"));
            }
        }
        Result firstFail = firstFailure();
        if (firstFail != null) {
            closeAll(ctx, blas, rand);
            return finish(firstFail, true);
        }
        try (GpuBackend gpu = new GpuBackend(ctx, blas, rand); CpuBackend cpu = new CpuBackend(1)) {
            List<Comparison> rows = new Crosscheck(cpu, gpu).run(SyntheticSpec.withSnr(37, 5, 3, 1.0, 4.0, 7L), 2);
            long bad = rows.stream().filter(c -> !c.passed()).count();
            if (bad > 0) return finish(fail(Stage.FIT, bad + " of " + rows.size() + " comparisons exceed tolerance; run 'cmlr crosscheck'"), true);
            add(Stage.FIT, "ok", rows.size() + " comparisons within tolerance (m=37, n=5, d=3)");
        } catch (RuntimeException e) {
            return finish(fail(Stage.FIT, e.toString()), true);
        }
        return finish(null, true);
    }

    /**
     * The driver did not load: without libcuda.so.1 on the loader path there is no GPU to use
     * (copies elsewhere are named, never loaded); any other load failure is JCuda's.
     */
    private Result driverMissing(String problem) {
        if (!problem.startsWith("libcuda.so.1")) return fail(Stage.JCUDA, problem);
        List<String> copies = new ArrayList<>();
        for (CudaLibraryLocator.Found f : CudaLibraryLocator.system().findAll()) {
            if (f.soname().equals("libcuda.so.1")) copies.add(f.path().toString());
        }
        return fail(Stage.DRIVER, "NO GPU: " + problem + (copies.isEmpty() ? "" : "; copies not used (not on the loader path): "
                + String.join(", ", copies)));
    }

    private Result driverStage() {
        try {
            int[] v = new int[1];
            Cuda.drv("cuDriverGetVersion", () -> JCudaDriver.cuDriverGetVersion(v));
            Cuda.drv("cuInit", () -> JCudaDriver.cuInit(0));
            String nv = nvidiaVersion();
            return add(Stage.DRIVER, "ok", "CUDA driver API " + v[0] / 1000 + "." + (v[0] % 1000) / 10 + (nv != null ? "; " + nv : ""));
        } catch (RuntimeException e) {
            String msg = e.getMessage();
            if (msg != null && msg.contains("CUDA_ERROR_NO_DEVICE")) return fail(Stage.DEVICES, "NO GPU: the driver reports no CUDA device");
            return fail(Stage.DRIVER, msg);
        }
    }

    private Result devicesStage() {
        try {
            int[] count = new int[1];
            Cuda.drv("cuDeviceGetCount", () -> JCudaDriver.cuDeviceGetCount(count));
            if (count[0] == 0) return fail(Stage.DEVICES, "NO GPU: the driver reports no CUDA device");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < count[0]; i++) {
                CUdevice dev = new CUdevice();
                int ordinal = i;
                Cuda.drv("cuDeviceGet", () -> JCudaDriver.cuDeviceGet(dev, ordinal));
                long[] mem = new long[1];
                Cuda.drv("cuDeviceTotalMem", () -> JCudaDriver.cuDeviceTotalMem(mem, dev));
                if (i > 0) b.append("; ");
                b.append(String.format(Locale.ROOT, "GPU %d: %s, compute capability %d.%d, %.1f GiB", i, GpuContext.deviceName(dev),
                        GpuContext.attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                        GpuContext.attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                        mem[0] / 1073741824.0));
            }
            return add(Stage.DEVICES, "ok", b.toString());
        } catch (RuntimeException e) {
            return fail(Stage.DEVICES, e.getMessage());
        }
    }

    private <T> T optional(Stage stage, boolean loaded, String problem, java.util.function.Supplier<T> open,
                           java.util.function.Function<T, String> describe) {
        if (!loaded) {
            add(stage, strict ? "fail" : "fallback", problem + (strict ? "" : "; the backend uses its own kernels instead"));
            return null;
        }
        try {
            T t = open.get();
            add(stage, "ok", describe.apply(t));
            return t;
        } catch (RuntimeException e) {
            add(stage, strict ? "fail" : "fallback", e.getMessage());
            return null;
        }
    }

    static String librariesFound() {
        return librariesFound(CudaLibraryLocator.system());
    }

    /** Where each library was found, then every folder searched (in order, with why). */
    static String librariesFound(CudaLibraryLocator locator) {
        List<CudaLibraryLocator.Found> found = locator.findAll();
        List<String> parts = new ArrayList<>();
        for (String so : CudaLibraryLocator.SONAMES) {
            List<String> where = new ArrayList<>();
            for (CudaLibraryLocator.Found f : found) if (f.soname().equals(so)) where.add(f.path() + " (" + f.source() + ")");
            parts.add(so + ": " + (where.isEmpty() ? "not found" : String.join(", ", where)));
        }
        List<String> searched = new ArrayList<>();
        for (CudaLibraryLocator.Candidate c : locator.candidates()) searched.add(c.dir() + " (" + c.source() + ")");
        return String.join("; ", parts) + "; searched " + searched.size() + " folders: " + String.join(", ", searched);
    }

    private static String nvidiaVersion() {
        Path p = Path.of("/proc/driver/nvidia/version");
        try {
            return Files.isReadable(p) ? Files.readAllLines(p).get(0).trim() : null;
        } catch (IOException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private Result add(Stage s, String status, String detail) {
        Result r = new Result(s, status, detail);
        results.add(r);
        return r;
    }

    private Result fail(Stage s, String detail) {
        return add(s, "fail", detail);
    }

    private Result firstFailure() {
        return results.stream().filter(r -> r.status().equals("fail")).findFirst().orElse(null);
    }

    private static void closeAll(GpuContext ctx, Blas blas, Rand rand) {
        if (rand != null) rand.close();
        if (blas != null) blas.close();
        ctx.close();
    }

    private Report finish(Result failed, boolean gpuPresent) {
        for (Stage s : Stage.values()) {
            if (results.stream().noneMatch(r -> r.stage() == s)) results.add(new Result(s, "skipped", "not run: an earlier stage failed"));
        }
        results.sort(java.util.Comparator.comparing(r -> r.stage().ordinal()));
        if (failed == null) {
            boolean fallback = results.stream().anyMatch(r -> r.status().equals("fallback"));
            return new Report(List.copyOf(results), "VERDICT: OK, the GPU backend works" + (fallback
                    ? " (with its own kernels where cuBLAS/cuRAND are missing)" : ""), 0, true);
        }
        String head = failed.detail() != null && failed.detail().startsWith("NO GPU") ? "VERDICT: " : "VERDICT: FAILED at "
                + failed.stage().id + ", ";
        return new Report(List.copyOf(results), head + failed.detail() + "; cmlr runs on the CPU backend (exit code "
                + failed.stage().exitCode + ")", failed.stage().exitCode, gpuPresent);
    }
}
