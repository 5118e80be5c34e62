package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cuBLAS 12 or 13 without a GPU: stub libcublas libraries (compiled here with gcc, with the
 * version nodes NVIDIA's have) stand in for the real ones. A child JVM ({@link CublasLoadProbe})
 * loads JCublas2 through {@link CublasLoader} and calls into the stub: this checks that the dynamic
 * loader accepts the retargeted JNI library against a libcublas.so.13, the java.io.tmpdir route
 * into JCuda's LibUtils, and the pre-flight check of the ELF tables. It does not check cuBLAS 13
 * itself (that needs a GPU: native-check and crosscheck on the device).
 */
class CublasLoaderTest {
    @TempDir
    static Path work;

    static boolean gcc;

    @BeforeAll
    static void stubs() throws Exception {
        gcc = SonameRetargetTest.onPath("gcc");
        if (!gcc) return;
        String all = String.join(" ", CublasLoader.ENTRY_POINTS.values());
        stub("cu13", "libcublas.so.13", "libcublas.so.13", all);
        stub("cu12", "libcublas.so.12", "libcublas.so.12", all);
        stub("no-dgmm", "libcublas.so.13", "libcublas.so.13", all.replace("cublasDdgmm", ""));
        stub("other-node", "libcublas.so.13", "CUBLAS_13", all);
        Files.createDirectories(work.resolve("empty-root"));
    }

    /** A libcublas defining {@code symbols} under version node {@code node}; create/getVersion behave. */
    private static void stub(String dir, String soname, String node, String symbols) throws Exception {
        Path d = Files.createDirectories(work.resolve(dir));
        StringBuilder c = new StringBuilder("static int handle;\n");
        for (String s : symbols.trim().split("\\s+")) {
            if (s.equals("cublasCreate_v2")) c.append("int cublasCreate_v2(void **h) { *h = &handle; return 0; }\n");
            else if (s.equals("cublasGetVersion_v2")) c.append("int cublasGetVersion_v2(void *h, int *v) { *v = 130100; return h == &handle ? 0 : 7; }\n");
            else c.append("int ").append(s).append("(void) { return 0; }\n");
        }
        Files.writeString(d.resolve("stub.c"), c.toString());
        Files.writeString(d.resolve("stub.map"), node + " { global: cublas*; local: *; };\n");
        SonameRetargetTest.run("gcc", "-shared", "-fPIC", "-o", d.resolve(soname).toString(), "-Wl,-soname," + soname,
                "-Wl,--version-script=" + d.resolve("stub.map"), d.resolve("stub.c").toString());
    }

    private static String probe(String libs, String... jvmOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of(CublasLoadProbe.class.getName(), work.resolve(libs).toString(), work.resolve("empty-root").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void onlyCuda13TheRetargetedCopyLoadsFromTheBundleFolderAndCallsIntoLibcublas13() throws Exception {
        assumeTrue(gcc, "gcc is not installed: stub libcublas not built");
        Path tmp = Files.createDirectories(work.resolve("tmp-bundle"));
        String out = probe("cu13", "-D" + CublasLoader.CUDA13_DIR_PROPERTY + "=" + SonameRetargetTest.RETARGETED.getParent().toAbsolutePath(),
                "-Djava.io.tmpdir=" + tmp);
        assertTrue(out.contains("route=JCublas2 12.6.0 retargeted to libcublas.so.13 (" + work.resolve("cu13/libcublas.so.13")), out);
        assertTrue(out.contains("create=0") && out.contains("getVersion=0 version=130100") && out.contains("destroy=0"), out);
        assertTrue(out.contains("tmpdirRestored=true"), out);
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.collect(Collectors.toList()), "nothing extracted when the bundle holds the copy");
        }
    }

    @Test
    void fromThePlainJarTheCopyIsExtractedToAFreshFolderAndRemovedAtExit() throws Exception {
        assumeTrue(gcc, "gcc is not installed: stub libcublas not built");
        Path tmp = Files.createDirectories(work.resolve("tmp-jar"));
        // a stale file of the library's name where JCuda would look: it must not be used
        Files.writeString(tmp.resolve(CublasLoader.JNI_FILE), "stale");
        String out = probe("cu13", "-Djava.io.tmpdir=" + tmp);
        assertTrue(out.contains("route=JCublas2 12.6.0 retargeted to libcublas.so.13"), out);
        assertTrue(out.contains("getVersion=0 version=130100"), out);
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(tmp.resolve(CublasLoader.JNI_FILE)), files.collect(Collectors.toList()), "the private copy is gone");
        }
    }

    @Test
    void controlTheJarsOwnJniLibraryDoesNotLoadAgainstLibcublas13() throws Exception {
        assumeTrue(gcc, "gcc is not installed: stub libcublas not built");
        Path shipped = Files.createDirectories(work.resolve("shipped"));
        Files.copy(SonameRetargetTest.ORIGINAL, shipped.resolve(CublasLoader.JNI_FILE));
        String out = probe("cu13", "-D" + CublasLoader.CUDA13_DIR_PROPERTY + "=" + shipped, "-Djava.io.tmpdir=" + shipped);
        assertTrue(out.contains("route=null") && out.contains("libcublas.so.12: cannot open shared object file"), out);
        assertTrue(out.contains("tmpdirRestored=true"), out);
    }

    @Test
    void whereLibcublas12ExistsJCublas2LoadsAsShipped() throws Exception {
        assumeTrue(gcc, "gcc is not installed: stub libcublas not built");
        Path tmp = Files.createDirectories(work.resolve("tmp-cu12"));
        String out = probe("cu12", "-Djava.io.tmpdir=" + tmp);
        assertTrue(out.contains("route=JCublas2 12.6.0 on libcublas.so.12 (" + work.resolve("cu12/libcublas.so.12")), out);
        assertTrue(out.contains("getVersion=0 version=130100"), out);
    }

    @Test
    void aLibcublas13LackingAnEntryPointOrTheVersionIsRefusedBeforeLoading() {
        assumeTrue(gcc, "gcc is not installed: stub libcublas not built");
        assertNull(CublasLoader.cuda13Problem(work.resolve("cu13/libcublas.so.13")));
        String missing = CublasLoader.cuda13Problem(work.resolve("no-dgmm/libcublas.so.13"));
        assertTrue(missing.contains("cublasDdgmm (not defined)") && !missing.contains("cublasDgemv_v2"), missing);
        String node = CublasLoader.cuda13Problem(work.resolve("other-node/libcublas.so.13"));
        assertTrue(node.contains("cublasCreate_v2 (version CUBLAS_13)"), node);
        assertTrue(CublasLoader.cuda13Problem(work.resolve("nothing-here.so")).startsWith("cannot read the symbol tables"));
    }

    @Test
    void blasCallsNoCublasEntryPointBeyondTheCheckedOnes() throws IOException {
        Pattern call = Pattern.compile("JCublas2\\.(cublas\\w+)\\(");
        Set<String> used = new TreeSet<>();
        try (var files = Files.list(Path.of("src/main/java/io/github/cmlr/gpu"))) {
            for (Path f : files.collect(Collectors.toList())) {
                Matcher m = call.matcher(Files.readString(f));
                while (m.find()) used.add(m.group(1));
            }
        }
        assertTrue(used.contains("cublasDgemmStridedBatched"), used.toString());
        assertEquals(CublasLoader.ENTRY_POINTS.keySet(), used, "a new cuBLAS call must be checked against cuBLAS 13 and listed");
    }
}
