package io.github.cmlr.gpu;

import jcuda.CudaException;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasStatus;
import jcuda.jcurand.JCurand;
import jcuda.jcurand.curandStatus;

/**
 * The one place that turns CUDA driver, cuBLAS and cuRAND status codes into exceptions naming
 * the call and the code. Every native call of the GPU backend goes through one of these.
 */
final class Cuda {
    @FunctionalInterface
    interface NativeCall {
        int run();
    }

    private Cuda() {}

    /** A CUDA driver API call. */
    static void drv(String call, NativeCall c) {
        check(call, c, Lib.DRIVER);
    }

    static void blas(String call, NativeCall c) {
        check(call, c, Lib.CUBLAS);
    }

    static void rand(String call, NativeCall c) {
        check(call, c, Lib.CURAND);
    }

    enum Lib { DRIVER, CUBLAS, CURAND }

    private static void check(String call, NativeCall c, Lib lib) {
        int code;
        try {
            code = c.run();
        } catch (CudaException e) {
            // Exceptions are enabled on every library as a second line: keep the call's name.
            throw new GpuException(call, e.getMessage(), e);
        }
        if (code != 0) throw new GpuException(call, code, describe(lib, code));
    }

    /** "CUDA_ERROR_OUT_OF_MEMORY (2)" and the like. */
    static String describe(Lib lib, int code) {
        String name;
        switch (lib) {
            case CUBLAS: name = cublasStatus.stringFor(code); break;
            case CURAND: name = curandStatus.stringFor(code); break;
            default: name = CUresult.stringFor(code); break;
        }
        return name + " (" + code + ")";
    }

    /** Turns on JCuda's own exceptions for the driver (the others when their natives loaded). */
    static void enableDriverExceptions() {
        JCudaDriver.setExceptionsEnabled(true);
    }

    static void enableCublasExceptions() {
        JCublas2.setExceptionsEnabled(true);
    }

    static void enableCurandExceptions() {
        JCurand.setExceptionsEnabled(true);
    }
}
