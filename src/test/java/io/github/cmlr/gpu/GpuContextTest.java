package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GpuContext's ownership of the primary context (needs a GPU). */
@Tag("gpu")
class GpuContextTest {
    private static boolean active(CUdevice dev) {
        int[] flags = new int[1];
        int[] active = new int[1];
        Cuda.drv("cuDevicePrimaryCtxGetState", () -> JCudaDriver.cuDevicePrimaryCtxGetState(dev, flags, active));
        return active[0] != 0;
    }

    @Test
    void aConstructorThatFailsAfterRetainingThePrimaryContextReleasesIt() {
        GpuBackendFactory.Attempt a = GpuTestSupport.open(false, false);
        GpuTestSupport.require(a).close(); // the backend's own retain is released again
        CUdevice dev = new CUdevice();
        Cuda.drv("cuDeviceGet", () -> JCudaDriver.cuDeviceGet(dev, 0));
        assumeTrue(!active(dev), "another holder keeps the primary context active: the release is not observable");
        byte[] notAModule = "not a kernel module\0".getBytes(StandardCharsets.US_ASCII);
        GpuException e = assertThrows(GpuException.class, () -> new GpuContext(0, notAModule));
        assertTrue(e.getMessage().contains("cuModuleLoadData"), e.getMessage());
        assertFalse(active(dev), "the failed constructor kept a retain of the primary context");
    }
}
