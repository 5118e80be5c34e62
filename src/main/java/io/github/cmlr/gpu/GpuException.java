package io.github.cmlr.gpu;

/** A failed CUDA, cuBLAS or cuRAND call: names the call and the library's code. */
public final class GpuException extends RuntimeException {
    private final String call;
    private final int code;

    public GpuException(String call, int code, String detail) {
        super(call + " failed: " + detail);
        this.call = call;
        this.code = code;
    }

    public GpuException(String call, String detail, Throwable cause) {
        super(call + " failed: " + detail, cause);
        this.call = call;
        this.code = -1;
    }

    /** The call that failed, e.g. {@code cuMemAlloc}. */
    public String call() { return call; }

    /** The library's status code, or -1 when only a message was available. */
    public int code() { return code; }
}
