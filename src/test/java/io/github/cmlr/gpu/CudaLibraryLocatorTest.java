package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaLibraryLocatorTest {
    @TempDir
    Path root;

    private Path lib(String dir, String soname) throws IOException {
        Path d = root.resolve(dir);
        Files.createDirectories(d);
        return Files.createFile(d.resolve(soname));
    }

    @Test
    void loaderPathComesFirstThenCudaHomeThenSystemThenUsrLocalThenWheels() throws IOException {
        Path ld = lib("opt/ld", "libcurand.so.10");
        Path home = lib("opt/cuda-home/lib64", "libcurand.so.10");
        lib("usr/lib/x86_64-linux-gnu", "libcuda.so.1");
        lib("usr/local/cuda-12.6/lib64", "libcublas.so.12");
        lib("usr/local/cuda-13.0/lib64", "libcublas.so.13");
        Path wheel = lib("venv/lib/python3.11/site-packages/nvidia/cublas/lib", "libcublas.so.12");
        Map<String, String> env = new HashMap<>();
        env.put("LD_LIBRARY_PATH", root.resolve("opt/ld") + "::" + root.resolve("missing"));
        env.put("CUDA_HOME", root.resolve("opt/cuda-home").toString());
        env.put("VIRTUAL_ENV", root.resolve("venv").toString());
        CudaLibraryLocator loc = new CudaLibraryLocator(env, root);

        assertEquals(ld, loc.find("libcurand.so.10").path());
        assertEquals("LD_LIBRARY_PATH", loc.find("libcurand.so.10").source());
        assertEquals("system", loc.find("libcuda.so.1").source());
        assertEquals(root.resolve("usr/local/cuda-12.6/lib64/libcublas.so.12"), loc.find("libcublas.so.12").path());
        List<CudaLibraryLocator.Found> all = loc.findAll();
        assertTrue(all.stream().anyMatch(f -> f.path().equals(home) && f.source().equals("CUDA_HOME")), all.toString());
        assertTrue(all.stream().anyMatch(f -> f.path().equals(wheel) && f.source().startsWith("python wheel")), all.toString());
    }

    @Test
    void findsCuda13WheelLayoutAndUserSitePackages() throws IOException {
        Path cu13 = lib("home/u/.local/lib/python3.12/site-packages/nvidia/cu13/lib", "libcublas.so.13");
        Map<String, String> env = Map.of("HOME", root.resolve("home/u").toString());
        CudaLibraryLocator.Found f = new CudaLibraryLocator(env, root).find("libcublas.so.13");
        assertEquals(cu13, f.path());
    }

    @Test
    void stubsFoldersAreNeverUsed() throws IOException {
        lib("usr/local/cuda/lib64/stubs", "libcuda.so.1");
        Map<String, String> env = Map.of("LD_LIBRARY_PATH", root.resolve("usr/local/cuda/lib64/stubs").toString());
        assertNull(new CudaLibraryLocator(env, root).find("libcuda.so.1"));
    }

    @Test
    void nothingFoundOnAnEmptyTree() {
        CudaLibraryLocator loc = new CudaLibraryLocator(Map.of(), root);
        for (String so : CudaLibraryLocator.SONAMES) assertNull(loc.find(so), so);
        assertTrue(loc.findAll().isEmpty());
    }
}
