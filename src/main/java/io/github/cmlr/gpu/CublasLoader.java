package io.github.cmlr.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jcuda.JCudaVersion;
import jcuda.LibUtils;
import jcuda.jcublas.JCublas2;

/**
 * Makes JCublas2 usable on both CUDA majors. Where libcublas.so.12 exists, JCublas2 loads as
 * shipped. Where only libcublas.so.13 exists, it loads the build's copy of JCublas2's JNI library
 * that asks for libcublas.so.13 (see {@link SonameRetarget}), after checking with the ELF tables
 * of that libcublas that it defines the symbol version and every entry point the backend calls:
 * the loader binds functions lazily, so a missing one would end the process at its first call.
 *
 * <p>JCublas2's static initialiser loads its library through JCuda's LibUtils, which first tries
 * {@code System.loadLibrary} and then a file of the expected name in {@code java.io.tmpdir}, if
 * one is there. For the retargeted copy, {@code java.io.tmpdir} names the folder holding it while
 * the class initialises, and is restored right after.
 */
final class CublasLoader {
    /**
     * The cuBLAS entry points the backend calls: JCublas2 method -> exported C symbol. Their
     * signatures are the same in cuBLAS 12 and 13 (README, section gpu); {@link Blas} calls no
     * others (a test keeps it so).
     */
    static final Map<String, String> ENTRY_POINTS = new TreeMap<>(Map.of(
            "cublasCreate", "cublasCreate_v2", "cublasDestroy", "cublasDestroy_v2", "cublasGetVersion", "cublasGetVersion_v2",
            "cublasDgemm", "cublasDgemm_v2", "cublasDgemv", "cublasDgemv_v2", "cublasDgemmStridedBatched",
            "cublasDgemmStridedBatched", "cublasDdgmm", "cublasDdgmm"));

    static final String CUDA13 = "libcublas.so.13";

    /** The JNI library's file name, as LibUtils looks for it. */
    static final String JNI_FILE = LibUtils.createLibraryFileName(LibUtils.createPlatformLibraryName("JCublas2-" + JCudaVersion.get()));

    /** The retargeted copy on the classpath (made by the build). */
    static final String CUDA13_RESOURCE = "/lib/cu13/" + JNI_FILE;

    /** System property naming a folder that holds the retargeted copy (the bundle's lib/native-cu13). */
    static final String CUDA13_DIR_PROPERTY = "cmlr.jcublas.cu13.dir";

    /** Which cuBLAS is used and from where, or why none is. */
    record Outcome(String route, String problem) {
        boolean loaded() { return route != null; }
    }

    private CublasLoader() {}

    /** Loads cuBLAS and JCublas2 once; {@code loaded} receives the libraries loaded by path. */
    static Outcome load(CudaLibraryLocator locator, List<String> loaded) {
        CudaLibraryLocator.Found c12 = locator.find("libcublas.so.12");
        CudaLibraryLocator.Found c13 = locator.find(CUDA13);
        if (c12 == null && c13 != null) return loadRetargeted(locator, c13, loaded);
        try {
            loadByPath(locator, loaded, "libcublasLt.so.12", "libcublas.so.12");
            initialise(null);
            return new Outcome("JCublas2 " + JCudaVersion.get() + " on libcublas.so.12" + where(c12), null);
        } catch (RuntimeException | LinkageError e) {
            String why = c12 == null ? "neither libcublas.so.12 nor libcublas.so.13 was found (native-check lists the folders searched)"
                    : "JCublas2 did not load with " + c12.path();
            return new Outcome(null, why + ": " + NativeLibraries.shortReason(e));
        }
    }

    private static Outcome loadRetargeted(CudaLibraryLocator locator, CudaLibraryLocator.Found c13, List<String> loaded) {
        String problem = cuda13Problem(c13.path());
        if (problem != null) return new Outcome(null, problem);
        try {
            loadByPath(locator, loaded, "libcublasLt.so.13", CUDA13);
            initialise(retargetedDir());
            return new Outcome("JCublas2 " + JCudaVersion.get() + " retargeted to libcublas.so.13" + where(c13), null);
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(null, "the JCublas2 copy for libcublas.so.13 did not load with " + c13.path() + ": "
                    + NativeLibraries.shortReason(e));
        }
    }

    /**
     * Why the retargeted JCublas2 cannot use {@code lib}, or null: the version libcublas.so.13
     * and every entry point (defined with that version) must be there.
     */
    static String cuda13Problem(Path lib) {
        Map<String, String> defined;
        try {
            defined = ElfFile.map(lib).definedSymbols();
        } catch (IOException | RuntimeException e) {
            return "cannot read the symbol tables of " + lib + ": " + e.getMessage();
        }
        List<String> wrong = new ArrayList<>();
        for (String symbol : ENTRY_POINTS.values()) {
            String version = defined.get(symbol);
            if (version == null) wrong.add(symbol + " (not defined)");
            else if (!version.equals(CUDA13) && !version.isEmpty()) wrong.add(symbol + " (version " + version + ")");
        }
        return wrong.isEmpty() ? null : lib + " does not define with version " + CUDA13 + ": " + String.join(", ", wrong)
                + "; the backend uses its own kernels instead";
    }

    /** The folder holding the retargeted copy: the bundle's, else a fresh private copy of the jar's. */
    static Path retargetedDir() {
        String dir = System.getProperty(CUDA13_DIR_PROPERTY);
        if (dir != null && Files.isRegularFile(Path.of(dir, JNI_FILE))) return Path.of(dir);
        try (InputStream in = CublasLoader.class.getResourceAsStream(CUDA13_RESOURCE)) {
            if (in == null) throw new IllegalStateException(CUDA13_RESOURCE + " is missing from the jar");
            Path tmp = Files.createTempDirectory("cmlr-jcublas-cu13-"); // new each run: never a stale copy
            tmp.toFile().deleteOnExit();
            Path file = tmp.resolve(JNI_FILE);
            Files.copy(in, file);
            file.toFile().deleteOnExit();
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JCublas2 copy for libcublas.so.13", e);
        }
    }

    /** Runs JCublas2's static initialiser; with {@code dir}, LibUtils finds the library there. */
    private static synchronized void initialise(Path dir) {
        String tmpdir = System.getProperty("java.io.tmpdir");
        if (dir != null) System.setProperty("java.io.tmpdir", dir.toString());
        try {
            JCublas2.initialize();
            Cuda.enableCublasExceptions();
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
        }
    }

    private static void loadByPath(CudaLibraryLocator locator, List<String> loaded, String... sonames) {
        for (String so : sonames) {
            CudaLibraryLocator.Found f = locator.find(so);
            if (f != null) {
                System.load(f.path().toString());
                loaded.add(f.path() + " (" + f.source() + ")");
            }
        }
    }

    private static String where(CudaLibraryLocator.Found f) {
        return f == null ? " (system loader path)" : " (" + f.path() + ", " + f.source() + ")";
    }
}
