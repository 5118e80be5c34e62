package io.github.cmlr.gpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.TreeSet;

/**
 * Build step: a copy of a JNI library whose dependency on one soname (libcublas.so.12) and whose
 * symbol-version requirement of the same name ask for another of equal length (libcublas.so.13).
 * Only those string bytes in .dynstr and the matching vna_hash fields change; size, sections,
 * symbols and code stay as they are, so the loader binds the same entry points by name in the
 * newer library.
 *
 * <p>Why a retargeted JCublas2 rather than a foreign-function binding of cuBLAS: the main build
 * targets Java 17, which has no foreign-function API, and JCublas2's wrappers of the seven entry
 * points the backend calls (see {@link CublasLoader#ENTRY_POINTS}) keep the argument types of
 * cuBLAS 13 (checked against NVIDIA's cuBLAS 13 API). The binding stays one (JCublas2) on both CUDA
 * majors, and nothing is compiled at build time.
 *
 * <p>Usage: {@code SonameRetarget SRC DST OLD NEW}; DST is written whole or not at all.
 */
public final class SonameRetarget {
    /** What was changed. */
    record Result(int strings, int hashes) {}

    private SonameRetarget() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: SonameRetarget SRC DST OLD NEW");
            System.exit(2);
        }
        byte[] elf = Files.readAllBytes(Path.of(args[0]));
        Result r = retarget(elf, args[2], args[3]);
        Path dst = Path.of(args[1]);
        Files.createDirectories(dst.toAbsolutePath().getParent());
        Path tmp = dst.resolveSibling(dst.getFileName() + ".tmp");
        Files.write(tmp, elf);
        Files.move(tmp, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("[cmlr retarget] " + dst + ": " + args[2] + " -> " + args[3] + " in " + r.strings()
                + " string(s) of .dynstr, " + r.hashes() + " version hash(es)");
    }

    /**
     * Renames {@code from} to {@code to} in {@code elf} in place: the DT_NEEDED and version-needed
     * strings equal to {@code from}, and vna_hash of the renamed versions.
     *
     * @throws IllegalArgumentException when nothing names {@code from}, the lengths differ, or a
     *     name to change is also the tail of a longer string (changing it would rename that too)
     */
    static Result retarget(byte[] elf, String from, String to) {
        byte[] old = from.getBytes(StandardCharsets.UTF_8);
        byte[] neu = to.getBytes(StandardCharsets.UTF_8);
        if (old.length != neu.length) throw new IllegalArgumentException("'" + from + "' and '" + to + "' differ in length");
        ElfFile f = new ElfFile(ByteBuffer.wrap(elf));
        ElfFile.Section dynstr = f.dynamicStrings();
        TreeSet<Long> offsets = new TreeSet<>();
        for (long o : f.neededNameOffsets()) if (f.string(dynstr, o).equals(from)) offsets.add(o);
        if (offsets.isEmpty()) throw new IllegalArgumentException("no DT_NEEDED entry names " + from);
        TreeSet<Long> hashFields = new TreeSet<>();
        for (ElfFile.VersionNeed v : f.versionNeeds()) {
            if (v.file().equals(from)) offsets.add(v.fileName());
            if (v.version().equals(from)) {
                offsets.add(v.versionName());
                hashFields.add(v.entryOffset());
            }
        }
        for (long o : offsets) {
            if (o > 0 && elf[Math.toIntExact(dynstr.offset() + o) - 1] != 0) {
                throw new IllegalArgumentException(from + " at .dynstr offset " + o + " is the tail of a longer string");
            }
        }
        for (long o : offsets) System.arraycopy(neu, 0, elf, Math.toIntExact(dynstr.offset() + o), neu.length);
        ByteBuffer out = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        for (long at : hashFields) out.putInt(Math.toIntExact(at), ElfFile.elfHash(to));
        return new Result(offsets.size(), hashFields.size());
    }
}
