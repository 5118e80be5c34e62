package io.github.cmlr.gpu;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block of device memory holding doubles (or ints), owned by this object: freed by
 * {@link #close()}, which never throws. Use try-with-resources or close in the owner's close().
 */
public final class DeviceBuffer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceBuffer.class);

    private final GpuContext ctx;
    private final CUdeviceptr ptr;
    private final long bytes;
    private boolean freed;

    private DeviceBuffer(GpuContext ctx, long bytes, String what) {
        this.ctx = ctx;
        this.bytes = bytes;
        this.ptr = ctx.alloc(bytes, what);
    }

    public static DeviceBuffer doubles(GpuContext ctx, long count, String what) {
        return new DeviceBuffer(ctx, count * Sizeof.DOUBLE, what + " (" + count + " doubles)");
    }

    public static DeviceBuffer ints(GpuContext ctx, long count, String what) {
        return new DeviceBuffer(ctx, count * Sizeof.INT, what + " (" + count + " ints)");
    }

    /** A new buffer holding a copy of {@code host}. */
    public static DeviceBuffer of(GpuContext ctx, double[] host, String what) {
        DeviceBuffer b = doubles(ctx, host.length, what);
        b.upload(host, 0, host.length);
        return b;
    }

    public static DeviceBuffer of(GpuContext ctx, int[] host, String what) {
        DeviceBuffer b = ints(ctx, host.length, what);
        ctx.makeCurrent();
        Cuda.drv("cuMemcpyHtoD(" + what + ")", () -> JCudaDriver.cuMemcpyHtoD(b.ptr, Pointer.to(host), (long) host.length * Sizeof.INT));
        return b;
    }

    public CUdeviceptr ptr() { return ptr; }

    /** The address of double element {@code index}. */
    public CUdeviceptr at(long index) {
        return ptr.withByteOffset(index * Sizeof.DOUBLE);
    }

    public long bytes() { return bytes; }

    /** Copies {@code host[off .. off+len)} to the start of this buffer. */
    public void upload(double[] host, int off, int len) {
        ctx.makeCurrent();
        Cuda.drv("cuMemcpyHtoD", () -> JCudaDriver.cuMemcpyHtoD(ptr, Pointer.to(host).withByteOffset((long) off * Sizeof.DOUBLE),
                (long) len * Sizeof.DOUBLE));
    }

    /** Copies {@code len} doubles from element {@code from} of this buffer into {@code host[off ..)}. */
    public void download(long from, double[] host, int off, int len) {
        ctx.makeCurrent();
        Cuda.drv("cuMemcpyDtoH", () -> JCudaDriver.cuMemcpyDtoH(Pointer.to(host).withByteOffset((long) off * Sizeof.DOUBLE),
                at(from), (long) len * Sizeof.DOUBLE));
    }

    public double[] download(int len) {
        double[] out = new double[len];
        download(0, out, 0, len);
        return out;
    }

    public void downloadInts(int[] host, int off, int len) {
        ctx.makeCurrent();
        Cuda.drv("cuMemcpyDtoH", () -> JCudaDriver.cuMemcpyDtoH(Pointer.to(host).withByteOffset((long) off * Sizeof.INT),
                ptr, (long) len * Sizeof.INT));
    }

    @Override
    public void close() {
        if (freed) return;
        freed = true;
        try {
            ctx.makeCurrent();
            JCudaDriver.cuMemFree(ptr);
        } catch (RuntimeException e) {
            LOG.warn("cuMemFree of {} bytes failed: {}", bytes, e.getMessage());
        }
    }
}
