package io.github.cmlr.gpu;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the device's primary context and the kernel module. Every thread that calls CUDA first
 * calls {@link #makeCurrent()}: the primary context is shared, so any thread may use the backend
 * (one at a time). Closing unloads the module and releases the primary context.
 */
public final class GpuContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GpuContext.class);

    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final String deviceName;
    private final int ccMajor;
    private final int ccMinor;
    private final long totalBytes;
    private boolean moduleLoaded;
    private boolean closed;

    /**
     * Opens device {@code ordinal} and loads {@code fatbin}; the driver library must be loaded.
     * If anything fails after the primary context is retained, it is released before the
     * exception leaves (the driver counts retains: a leaked one keeps the context alive).
     */
    public GpuContext(int ordinal, byte[] fatbin) {
        Cuda.drv("cuInit", () -> JCudaDriver.cuInit(0));
        Cuda.drv("cuDeviceGet(" + ordinal + ")", () -> JCudaDriver.cuDeviceGet(device, ordinal));
        Cuda.drv("cuDevicePrimaryCtxRetain", () -> JCudaDriver.cuDevicePrimaryCtxRetain(context, device));
        try {
            makeCurrent();
            deviceName = deviceName(device);
            ccMajor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
            ccMinor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
            long[] total = new long[1];
            Cuda.drv("cuDeviceTotalMem", () -> JCudaDriver.cuDeviceTotalMem(total, device));
            totalBytes = total[0];
            loadModule(fatbin);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void loadModule(byte[] fatbin) {
        try {
            Cuda.drv("cuModuleLoadData(kernels/cmlr.fatbin)", () -> JCudaDriver.cuModuleLoadData(module, fatbin));
            moduleLoaded = true;
        } catch (GpuException e) {
            throw new GpuException(e.call(), e.code(), "the kernel module does not load on " + deviceName + " (compute capability "
                    + ccMajor + "." + ccMinor + "); it holds sm_80/86/89/90 code and compute_90 PTX 9.0, which needs"
                    + " driver r580+ for other GPUs: " + e.getMessage());
        }
    }

    /** Binds the primary context to the calling thread. */
    public void makeCurrent() {
        Cuda.drv("cuCtxSetCurrent", () -> JCudaDriver.cuCtxSetCurrent(context));
    }

    /** The kernel called {@code name} (cached). */
    public synchronized CUfunction function(String name) {
        return functions.computeIfAbsent(name, n -> {
            CUfunction f = new CUfunction();
            Cuda.drv("cuModuleGetFunction(" + n + ")", () -> JCudaDriver.cuModuleGetFunction(f, module, n));
            return f;
        });
    }

    public String deviceName() { return deviceName; }
    public int ccMajor() { return ccMajor; }
    public int ccMinor() { return ccMinor; }
    public long totalBytes() { return totalBytes; }

    /** Free device memory in bytes now. */
    public long freeBytes() {
        long[] free = new long[1];
        long[] total = new long[1];
        makeCurrent();
        Cuda.drv("cuMemGetInfo", () -> JCudaDriver.cuMemGetInfo(free, total));
        return free[0];
    }

    public void synchronize() {
        makeCurrent();
        Cuda.drv("cuCtxSynchronize", JCudaDriver::cuCtxSynchronize);
    }

    /** Allocates {@code bytes}; an out-of-memory failure says how much was asked and how much is free. */
    public CUdeviceptr alloc(long bytes, String what) {
        CUdeviceptr p = new CUdeviceptr();
        makeCurrent(); // callers may be any thread (the CPU side's pool, a sweep's worker)
        try {
            Cuda.drv("cuMemAlloc", () -> JCudaDriver.cuMemAlloc(p, Math.max(bytes, 8)));
        } catch (GpuException e) {
            throw new GpuException("cuMemAlloc", e.code(), "cannot allocate " + mib(bytes) + " for " + what + " on "
                    + deviceName + ": " + safeFree() + " free of " + mib(totalBytes) + " (" + e.getMessage() + ")");
        }
        return p;
    }

    private String safeFree() {
        try {
            return mib(freeBytes());
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB (%d bytes)", bytes / 1048576.0, bytes);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            makeCurrent();
            if (moduleLoaded) JCudaDriver.cuModuleUnload(module);
        } catch (RuntimeException e) {
            LOG.warn("unloading the kernel module: {}", e.getMessage());
        }
        try {
            JCudaDriver.cuDevicePrimaryCtxRelease(device);
        } catch (RuntimeException e) {
            LOG.warn("releasing the GPU context: {}", e.getMessage());
        }
    }

    static String deviceName(CUdevice device) {
        byte[] name = new byte[256];
        Cuda.drv("cuDeviceGetName", () -> JCudaDriver.cuDeviceGetName(name, name.length, device));
        int len = 0;
        while (len < name.length && name[len] != 0) len++;
        return new String(name, 0, len, StandardCharsets.UTF_8);
    }

    static int attribute(CUdevice device, int attribute) {
        int[] v = new int[1];
        Cuda.drv("cuDeviceGetAttribute(" + attribute + ")", () -> JCudaDriver.cuDeviceGetAttribute(v, attribute, device));
        return v[0];
    }

    /** A device pointer argument for a kernel, or the null pointer. */
    static Pointer arg(CUdeviceptr p) {
        return Pointer.to(p == null ? new CUdeviceptr() : p);
    }
}
