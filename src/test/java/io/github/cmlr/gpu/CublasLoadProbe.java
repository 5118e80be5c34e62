package io.github.cmlr.gpu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;

/**
 * Run in a child JVM by {@link CublasLoaderTest}: loads cuBLAS through {@link CublasLoader} with
 * the libraries of folder args[0] only (a fake root args[1] hides the system's), then calls
 * cublasCreate and cublasGetVersion through JCublas2 and prints what happened, one key=value a line.
 */
public final class CublasLoadProbe {
    private CublasLoadProbe() {}

    public static void main(String[] args) {
        CudaLibraryLocator locator = new CudaLibraryLocator(Map.of("LD_LIBRARY_PATH", args[0]), Path.of(args[1]));
        String tmpdir = System.getProperty("java.io.tmpdir");
        List<String> loaded = new ArrayList<>();
        CublasLoader.Outcome o = CublasLoader.load(locator, loaded);
        System.out.println("route=" + o.route());
        System.out.println("problem=" + o.problem());
        System.out.println("loaded=" + loaded);
        System.out.println("tmpdirRestored=" + tmpdir.equals(System.getProperty("java.io.tmpdir")));
        if (o.loaded()) {
            cublasHandle h = new cublasHandle();
            int[] version = new int[1];
            System.out.println("create=" + JCublas2.cublasCreate(h));
            System.out.println("getVersion=" + JCublas2.cublasGetVersion(h, version) + " version=" + version[0]);
            System.out.println("destroy=" + JCublas2.cublasDestroy(h));
        }
    }
}
