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

    /** A virtualenv as GPU cloud images have it: its python3 first on PATH, CUDA 13 wheels in nvidia/cu13/lib. */
    private Path virtualenv(String prefix) throws IOException {
        Path venv = root.resolve(prefix);
        Files.createDirectories(venv.resolve("bin"));
        Files.writeString(venv.resolve("pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = false\n");
        Path base = root.resolve("usr/local/python/3.12/bin");
        Files.createDirectories(base);
        Path interpreter = Files.writeString(base.resolve("python3.12"), "#!/bin/sh\nexit 0\n");
        Files.createSymbolicLink(venv.resolve("bin/python3"), interpreter);
        return venv;
    }

    @Test
    void findsTheWheelsOfTheVirtualenvWhosePython3IsFirstOnPath() throws IOException {
        Path venv = virtualenv("opt/torch/.venv");
        String wheels = "opt/torch/.venv/lib/python3.12/site-packages/nvidia/cu13/lib";
        Path curand = lib(wheels, "libcurand.so.10");
        Path cublas = lib(wheels, "libcublas.so.13");
        lib(wheels, "libcublasLt.so.13");
        Path older = lib("opt/torch/.venv/lib/python3.12/site-packages/nvidia/cublas/lib", "libcublas.so.12");
        Map<String, String> env = Map.of("PATH", root.resolve("nowhere") + ":" + venv.resolve("bin") + ":/usr/bin");
        CudaLibraryLocator loc = new CudaLibraryLocator(env, root);

        assertEquals(curand, loc.find("libcurand.so.10").path());
        assertEquals(cublas, loc.find("libcublas.so.13").path());
        assertEquals(older, loc.find("libcublas.so.12").path(), "every nvidia/*/lib is searched, not only cu13");
        String source = loc.find("libcurand.so.10").source();
        assertTrue(source.contains("virtualenv of python3 on PATH") && source.contains(venv.resolve("bin/python3").toString()), source);
        // the link to the base interpreter is followed only to add that prefix too, after the virtualenv
        List<CudaLibraryLocator.Candidate> dirs = loc.candidates();
        assertTrue(dirs.stream().anyMatch(c -> c.dir().equals(root.resolve(wheels))), dirs.toString());
    }

    @Test
    void findsAVirtualenvUnderOptWithoutAnyEnvironment() throws IOException {
        virtualenv("opt/tools/.venv");
        Path curand = lib("opt/tools/.venv/lib/python3.11/site-packages/nvidia/curand/lib", "libcurand.so.10");
        lib("opt/notavenv/lib/python3.11/site-packages/nvidia/curand/lib", "libcurand.so.10"); // no .venv/pyvenv.cfg
        CudaLibraryLocator.Found f = new CudaLibraryLocator(Map.of(), root).find("libcurand.so.10");
        assertEquals(curand, f.path());
        assertTrue(f.source().contains("/opt/*/.venv"), f.source());
        assertEquals(1, new CudaLibraryLocator(Map.of(), root).findAll().size());
    }

    @Test
    void nativeCheckListsEveryFolderItSearched() throws IOException {
        Path venv = virtualenv("opt/torch/.venv");
        lib("opt/torch/.venv/lib/python3.12/site-packages/nvidia/cu13/lib", "libcublas.so.13");
        lib("usr/local/nvidia/lib64", "libcuda.so.1");
        Map<String, String> env = Map.of("PATH", venv.resolve("bin").toString(), "LD_LIBRARY_PATH", root.resolve("opt/ld").toString());
        Files.createDirectories(root.resolve("opt/ld"));
        CudaLibraryLocator loc = new CudaLibraryLocator(env, root);
        String text = NativeCheck.librariesFound(loc);
        for (CudaLibraryLocator.Candidate c : loc.candidates()) assertTrue(text.contains(c.dir() + " (" + c.source() + ")"), c.toString());
        assertTrue(text.contains("searched " + loc.candidates().size() + " folders"), text);
        assertTrue(text.contains("libcuda.so.1: " + root.resolve("usr/local/nvidia/lib64/libcuda.so.1") + " (NVIDIA container mount)"), text);
        assertTrue(text.contains("libcurand.so.10: not found"), text);
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
