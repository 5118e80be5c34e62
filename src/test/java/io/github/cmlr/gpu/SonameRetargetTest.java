package io.github.cmlr.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build's copy of JCublas2's JNI library for CUDA 13 (target/classes/lib/cu13), read back
 * from its ELF tables and compared byte by byte with the jar's own native: the dependency and the
 * version requirement name libcublas.so.13 (with the right hash), and nothing else changed.
 */
class SonameRetargetTest {
    static final Path ORIGINAL = Path.of("target/jcublas-natives/lib", CublasLoader.JNI_FILE);
    static final Path RETARGETED = Path.of("target/classes/lib/cu13", CublasLoader.JNI_FILE);
    static byte[] original;
    static byte[] retargeted;

    @BeforeAll
    static void read() throws IOException {
        assertTrue(Files.isRegularFile(ORIGINAL), ORIGINAL + " is unpacked by the build (generate-resources)");
        assertTrue(Files.isRegularFile(RETARGETED), RETARGETED + " is written by the build (process-classes)");
        original = Files.readAllBytes(ORIGINAL);
        retargeted = Files.readAllBytes(RETARGETED);
    }

    private static ElfFile elf(byte[] b) {
        return new ElfFile(ByteBuffer.wrap(b));
    }

    @Test
    void dependencyAndVersionRequirementNameCuda13() {
        ElfFile before = elf(original);
        ElfFile after = elf(retargeted);
        List<String> expected = new ArrayList<>(before.needed());
        assertTrue(expected.contains("libcublas.so.12"), expected.toString());
        expected.replaceAll(n -> n.equals("libcublas.so.12") ? "libcublas.so.13" : n);
        assertEquals(expected, after.needed(), "same dependencies in the same order, cuBLAS renamed");

        List<ElfFile.VersionNeed> was = before.versionNeeds();
        List<ElfFile.VersionNeed> now = after.versionNeeds();
        assertEquals(was.size(), now.size());
        int renamed = 0;
        for (int i = 0; i < was.size(); i++) {
            ElfFile.VersionNeed a = was.get(i);
            ElfFile.VersionNeed b = now.get(i);
            assertEquals(a.index(), b.index(), "version index kept: the symbols' .gnu.version entries still point at it");
            assertEquals(ElfFile.elfHash(b.version()), b.hash(), b.toString());
            if (a.file().equals("libcublas.so.12")) {
                assertEquals("libcublas.so.13", b.file());
                assertEquals("libcublas.so.13", b.version());
                renamed++;
            } else {
                assertEquals(a, b);
            }
        }
        assertEquals(1, renamed);
    }

    @Test
    void onlyTheRenamedStringsAndTheirHashesChange() {
        assertEquals(original.length, retargeted.length);
        ElfFile before = elf(original);
        assertEquals(before.sections(), elf(retargeted).sections(), "section headers unchanged");
        assertEquals(before.importedSymbols(), elf(retargeted).importedSymbols(), "symbols unchanged");
        ElfFile.Section dynstr = before.dynamicStrings();
        List<long[]> allowed = new ArrayList<>(); // [from, to) byte ranges that may differ
        for (long o : before.neededNameOffsets()) {
            if (before.string(dynstr, o).equals("libcublas.so.12")) allowed.add(range(dynstr.offset() + o, 15));
        }
        for (ElfFile.VersionNeed v : before.versionNeeds()) {
            if (v.version().equals("libcublas.so.12")) {
                allowed.add(range(dynstr.offset() + v.versionName(), 15));
                allowed.add(range(v.entryOffset(), 4));
            }
            if (v.file().equals("libcublas.so.12")) allowed.add(range(dynstr.offset() + v.fileName(), 15));
        }
        int changed = 0;
        for (int i = 0; i < original.length; i++) {
            if (original[i] == retargeted[i]) continue;
            changed++;
            final long at = i;
            assertTrue(allowed.stream().anyMatch(r -> at >= r[0] && at < r[1]), "byte " + i + " changed outside the renamed names");
        }
        assertTrue(changed >= 2, "the name and its hash changed");
    }

    private static long[] range(long from, int len) {
        return new long[] {from, from + len};
    }

    @Test
    void theBuildsCopyIsWhatRetargetWritesAndEveryEntryPointStaysImported() {
        byte[] copy = original.clone();
        SonameRetarget.Result r = SonameRetarget.retarget(copy, "libcublas.so.12", "libcublas.so.13");
        assertArrayEquals(retargeted, copy);
        assertEquals(1, r.hashes());
        List<String> imported = elf(retargeted).importedSymbols();
        for (String symbol : CublasLoader.ENTRY_POINTS.values()) assertTrue(imported.contains(symbol), symbol);
    }

    @Test
    void elfHashAgreesWithTheLinkersHashesOfEveryVersionName() {
        List<ElfFile.VersionNeed> needs = elf(original).versionNeeds();
        assertTrue(needs.size() >= 10, needs.toString());
        for (ElfFile.VersionNeed v : needs) assertEquals(v.hash(), ElfFile.elfHash(v.version()), v.version());
        assertEquals(0x09691a75, ElfFile.elfHash("GLIBC_2.2.5"));
    }

    @Test
    void readelfSeesTheSameDependencyAndVersion() throws Exception {
        assumeTrue(onPath("readelf"), "readelf (binutils) is not installed: independent ELF check skipped");
        String dynamic = run("readelf", "-d", RETARGETED.toString());
        assertTrue(dynamic.contains("Shared library: [libcublas.so.13]"), dynamic);
        assertFalse(dynamic.contains("libcublas.so.12"), dynamic);
        String versions = run("readelf", "-V", RETARGETED.toString());
        assertTrue(versions.contains("File: libcublas.so.13"), versions);
        assertTrue(versions.contains("Name: libcublas.so.13"), versions);
        assertFalse(versions.contains("libcublas.so.12"), versions);
    }

    @Test
    void refusesWhatWouldRenameMoreThanTheDependency() {
        byte[] copy = original.clone();
        assertThrows(IllegalArgumentException.class, () -> SonameRetarget.retarget(copy, "libcublas.so.12", "libcublas.so.130"));
        assertThrows(IllegalArgumentException.class, () -> SonameRetarget.retarget(copy, "libcurand.so.10", "libcurand.so.11"));
        // point DT_NEEDED into the middle of "libcublas.so.12": its tail "ibcublas.so.12" is shared
        ElfFile f = elf(copy);
        long target = -1;
        for (long o : f.neededNameOffsets()) if (f.string(f.dynamicStrings(), o).equals("libcublas.so.12")) target = o;
        ElfFile.Section dyn = f.section(ElfFile.SHT_DYNAMIC);
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        for (long at = dyn.offset(); at < dyn.offset() + dyn.size(); at += 16) {
            if (b.getLong((int) at) == 1 && b.getLong((int) at + 8) == target) b.putLong((int) at + 8, target + 1);
        }
        byte[] before = copy.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SonameRetarget.retarget(copy, "ibcublas.so.12", "ibcublas.so.13"));
        assertTrue(e.getMessage().contains("tail of a longer string"), e.getMessage());
        assertArrayEquals(before, copy, "nothing written when refused");
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
