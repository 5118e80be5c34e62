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
 * CUDA_PATH, the system library folders, the NVIDIA container mount, /usr/local/cuda*, and Python
 * wheels ({@code site-packages/nvidia/cu13/lib}, {@code site-packages/nvidia/<lib>/lib}) of the
 * python3 first on PATH (a virtualenv when a pyvenv.cfg sits beside its bin/), of /opt/*&#47;.venv,
 * VIRTUAL_ENV, CONDA_PREFIX, ~/.local and the system. Pure file system logic (nothing is run or
 * loaded), so it is tested on fake trees: the environment and the root folder are parameters.
 * {@code stubs} folders are skipped: their libcuda is a link-time stub.
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
        for (String mount : List.of("usr/local/nvidia/lib64", "usr/local/nvidia/lib")) add(dirs, root.resolve(mount), "NVIDIA container mount");
        for (Path cuda : sorted(root.resolve("usr/local"), "cuda*")) {
            add(dirs, cuda.resolve("lib64"), "/usr/local/" + cuda.getFileName());
            add(dirs, cuda.resolve("lib"), "/usr/local/" + cuda.getFileName());
        }
        for (Map.Entry<Path, String> site : sitePackages().entrySet()) {
            for (Path lib : sorted(site.getKey().resolve("nvidia"), "*")) add(dirs, lib.resolve("lib"), "python wheel, " + site.getValue());
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

    /**
     * site-packages / dist-packages folders, in search order, each with why it is searched: the
     * python3 first on PATH, /opt/*&#47;.venv, VIRTUAL_ENV, CONDA_PREFIX, PYTHONPATH, ~/.local, the system.
     */
    Map<Path, String> sitePackages() {
        Map<Path, String> prefixes = new LinkedHashMap<>();
        pythonOnPath(prefixes);
        for (Path opt : sorted(root.resolve("opt"), "*")) {
            if (Files.isRegularFile(opt.resolve(".venv/pyvenv.cfg"))) prefixes.putIfAbsent(opt.resolve(".venv"), "virtualenv /opt/*/.venv");
        }
        for (String var : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) prefixes.putIfAbsent(Path.of(v), var);
        }
        Map<Path, String> out = new LinkedHashMap<>();
        for (String p : split(env.get("PYTHONPATH"))) out.putIfAbsent(Path.of(p), "PYTHONPATH");
        String home = env.get("HOME");
        if (home != null && !home.isBlank()) prefixes.putIfAbsent(Path.of(home, ".local"), "user site (~/.local)");
        for (String sys : List.of("usr/local", "usr", "opt/conda")) prefixes.putIfAbsent(root.resolve(sys), "system python");
        prefixes.forEach((prefix, why) -> {
            for (Path py : sorted(prefix.resolve("lib"), "python3*")) {
                out.putIfAbsent(py.resolve("site-packages"), why);
                out.putIfAbsent(py.resolve("dist-packages"), why);
            }
        });
        out.putIfAbsent(root.resolve("usr/lib/python3/dist-packages"), "system python");
        return out;
    }

    /**
     * The prefix of the python3 that runs first from PATH: a virtualenv when pyvenv.cfg sits
     * beside its bin/ (bin/python3 is then a link to the base interpreter, so it is not followed
     * for this), and the prefix of the interpreter it links to.
     */
    private void pythonOnPath(Map<Path, String> prefixes) {
        for (String dir : split(env.get("PATH"))) {
            Path python = Path.of(dir, "python3");
            if (!Files.isRegularFile(python)) continue;
            Path prefix = python.toAbsolutePath().getParent().getParent();
            if (prefix == null) return;
            boolean venv = Files.isRegularFile(prefix.resolve("pyvenv.cfg"));
            prefixes.putIfAbsent(prefix, (venv ? "virtualenv of " : "") + "python3 on PATH (" + python + ")");
            try {
                Path real = python.toRealPath().getParent().getParent();
                if (real != null) prefixes.putIfAbsent(real, "python3 on PATH (" + python + " -> " + python.toRealPath() + ")");
            } catch (IOException e) {
                // a dangling link: nothing more to search
            }
            return;
        }
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
