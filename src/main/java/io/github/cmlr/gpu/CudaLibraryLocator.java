package io.github.cmlr.gpu;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the CUDA libraries where users have them: the loader path (LD_LIBRARY_PATH), CUDA_HOME /
 * CUDA_PATH, /usr/local/cuda*, the system library folders, and Python wheels
 * ({@code site-packages/nvidia/cu13/lib}, {@code site-packages/nvidia/<lib>/lib}). Pure file
 * system logic (no native code), so it is tested on fake trees: the environment and the root
 * folder are parameters. {@code stubs} folders are skipped: their libcuda is a link-time stub.
 */
public final class CudaLibraryLocator {
    /** The libraries cmlr cares about, by soname. */
    public static final List<String> SONAMES = List.of(
            "libcuda.so.1", "libcublas.so.12", "libcublasLt.so.12", "libcublas.so.13", "libcublasLt.so.13",
            "libcurand.so.10");

    /** A folder to search and why it is searched ("LD_LIBRARY_PATH", "CUDA_HOME", ...). */
    public record Candidate(Path dir, String source) {}

    /** Where a library was found. */
    public record Found(String soname, Path path, String source) {}

    private final Map<String, String> env;
    private final Path root;

    /** @param root "/" normally; a fake tree's root in tests */
    public CudaLibraryLocator(Map<String, String> env, Path root) {
        this.env = env;
        this.root = root;
    }

    public static CudaLibraryLocator system() {
        return new CudaLibraryLocator(System.getenv(), Path.of("/"));
    }

    /** Folders in search order, existing ones only, each once. */
    public List<Candidate> candidates() {
        Map<Path, String> dirs = new LinkedHashMap<>();
        for (String p : split(env.get("LD_LIBRARY_PATH"))) add(dirs, Path.of(p), "LD_LIBRARY_PATH");
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            String home = env.get(var);
            if (home != null && !home.isBlank()) {
                add(dirs, Path.of(home, "lib64"), var);
                add(dirs, Path.of(home, "lib"), var);
            }
        }
        for (String sys : List.of("usr/lib/x86_64-linux-gnu", "lib/x86_64-linux-gnu", "usr/lib64", "usr/lib",
                "usr/lib/wsl/lib")) {
            add(dirs, root.resolve(sys), "system");
        }
        for (Path cuda : sorted(root.resolve("usr/local"), "cuda*")) {
            add(dirs, cuda.resolve("lib64"), "/usr/local/" + cuda.getFileName());
            add(dirs, cuda.resolve("lib"), "/usr/local/" + cuda.getFileName());
        }
        for (Path site : sitePackages()) {
            Path nv = site.resolve("nvidia");
            add(dirs, nv.resolve("cu13/lib"), "python wheel " + nv);
            for (String lib : List.of("cublas", "curand", "cuda_runtime")) add(dirs, nv.resolve(lib + "/lib"), "python wheel " + nv);
        }
        List<Candidate> out = new ArrayList<>();
        dirs.forEach((dir, source) -> out.add(new Candidate(dir, source)));
        return out;
    }

    /** Every copy of every wanted library, in search order. */
    public List<Found> findAll() {
        List<Found> out = new ArrayList<>();
        for (Candidate c : candidates()) {
            for (String so : SONAMES) {
                Path p = c.dir().resolve(so);
                if (Files.exists(p)) out.add(new Found(so, p, c.source()));
            }
        }
        return out;
    }

    /** The first copy of {@code soname}, or null. */
    public Found find(String soname) {
        for (Candidate c : candidates()) {
            Path p = c.dir().resolve(soname);
            if (Files.exists(p)) return new Found(soname, p, c.source());
        }
        return null;
    }

    /** site-packages / dist-packages folders of virtualenvs, conda, the user and the system. */
    List<Path> sitePackages() {
        List<Path> prefixes = new ArrayList<>();
        for (String var : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) prefixes.add(Path.of(v));
        }
        String home = env.get("HOME");
        if (home != null && !home.isBlank()) prefixes.add(Path.of(home, ".local"));
        prefixes.add(root.resolve("usr/local"));
        prefixes.add(root.resolve("usr"));
        prefixes.add(root.resolve("opt/conda"));
        List<Path> out = new ArrayList<>();
        for (String p : split(env.get("PYTHONPATH"))) out.add(Path.of(p));
        for (Path prefix : prefixes) {
            for (Path py : sorted(prefix.resolve("lib"), "python3*")) {
                out.add(py.resolve("site-packages"));
                out.add(py.resolve("dist-packages"));
            }
        }
        out.add(root.resolve("usr/lib/python3/dist-packages"));
        return out;
    }

    private static void add(Map<Path, String> dirs, Path dir, String source) {
        if (dir.toString().contains("/stubs")) return;
        Path norm = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(norm)) dirs.putIfAbsent(norm, source);
    }

    private static List<Path> sorted(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) out.add(p);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    private static List<String> split(String pathList) {
        List<String> out = new ArrayList<>();
        if (pathList == null) return out;
        for (String p : pathList.split(":")) if (!p.isBlank()) out.add(p);
        return out;
    }
}
