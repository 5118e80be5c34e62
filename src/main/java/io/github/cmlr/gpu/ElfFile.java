package io.github.cmlr.gpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only view of a 64-bit little-endian ELF shared library (x86-64 Linux): what the dynamic
 * loader reads to resolve it, namely its dependencies (DT_NEEDED), the symbol versions it needs
 * from them (.gnu.version_r), the versions it defines (.gnu.version_d) and the symbols it
 * defines (.dynsym with .gnu.version). Sections are found by type, not by name. Used by
 * {@link SonameRetarget} at build time and by {@link CublasLoader} to check a libcublas before
 * anything is loaded from it.
 */
final class ElfFile {
    static final int SHT_DYNAMIC = 6;
    static final int SHT_DYNSYM = 11;
    static final int SHT_GNU_VERDEF = 0x6ffffffd;
    static final int SHT_GNU_VERNEED = 0x6ffffffe;
    static final int SHT_GNU_VERSYM = 0x6fffffff;
    private static final long DT_NEEDED = 1;

    /** A section header: file offset and size in bytes, sh_link (e.g. its string table). */
    record Section(int index, int type, long offset, long size, int link, long entrySize) {}

    /**
     * A vernaux entry: version {@code version} needed from {@code file}. {@code fileName} and
     * {@code versionName} are the string-table offsets of the two names, {@code entryOffset} the
     * entry's file offset (its first field is vna_hash).
     */
    record VersionNeed(String file, String version, int hash, int index, long fileName, long versionName, long entryOffset) {}

    private final ByteBuffer buf;
    private final List<Section> sections = new ArrayList<>();

    /** @param bytes the whole file, read only; little-endian order is set on a duplicate */
    ElfFile(ByteBuffer bytes) {
        this.buf = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (buf.limit() < 64 || buf.getInt(0) != 0x464c457f) throw new IllegalArgumentException("not an ELF file");
        if (buf.get(4) != 2 || buf.get(5) != 1) throw new IllegalArgumentException("not a 64-bit little-endian ELF file");
        long shoff = buf.getLong(0x28);
        int shentsize = Short.toUnsignedInt(buf.getShort(0x3a));
        int shnum = Short.toUnsignedInt(buf.getShort(0x3c));
        for (int i = 0; i < shnum; i++) {
            int at = Math.toIntExact(shoff + (long) i * shentsize);
            sections.add(new Section(i, buf.getInt(at + 4), buf.getLong(at + 0x18), buf.getLong(at + 0x20), buf.getInt(at + 0x28),
                    buf.getLong(at + 0x38)));
        }
    }

    /** Maps {@code file} read-only (a libcublas is large: nothing is copied). */
    static ElfFile map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new ElfFile(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        }
    }

    List<Section> sections() { return List.copyOf(sections); }

    /** The first section of {@code type}, or null. */
    Section section(int type) {
        for (Section s : sections) if (s.type() == type) return s;
        return null;
    }

    /** The NUL-terminated string at {@code offset} of string table {@code strtab}. */
    String string(Section strtab, long offset) {
        int start = Math.toIntExact(strtab.offset() + offset);
        int end = start;
        while (buf.get(end) != 0) end++;
        byte[] b = new byte[end - start];
        buf.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** DT_NEEDED names in order. */
    List<String> needed() {
        List<String> out = new ArrayList<>();
        for (long offset : neededNameOffsets()) out.add(string(dynamicStrings(), offset));
        return out;
    }

    /** The string table of the dynamic section (.dynstr). */
    Section dynamicStrings() {
        Section dyn = section(SHT_DYNAMIC);
        return dyn == null ? null : sections.get(dyn.link());
    }

    /** String-table offsets of the DT_NEEDED entries (the d_val fields), in order. */
    List<Long> neededNameOffsets() {
        List<Long> out = new ArrayList<>();
        Section dyn = section(SHT_DYNAMIC);
        if (dyn == null) return out;
        for (long at = dyn.offset(); at + 16 <= dyn.offset() + dyn.size(); at += 16) {
            long tag = buf.getLong((int) at);
            if (tag == 0) break;
            if (tag == DT_NEEDED) out.add(buf.getLong((int) at + 8));
        }
        return out;
    }

    /** Every version requirement (Elf64_Verneed / Elf64_Vernaux chains). */
    List<VersionNeed> versionNeeds() {
        List<VersionNeed> out = new ArrayList<>();
        Section vr = section(SHT_GNU_VERNEED);
        if (vr == null) return out;
        Section strtab = sections.get(vr.link());
        long need = vr.offset();
        while (true) {
            int cnt = Short.toUnsignedInt(buf.getShort((int) need + 2));
            long fileName = Integer.toUnsignedLong(buf.getInt((int) need + 4));
            long aux = need + Integer.toUnsignedLong(buf.getInt((int) need + 8));
            for (int i = 0; i < cnt; i++) {
                long versionName = Integer.toUnsignedLong(buf.getInt((int) aux + 8));
                out.add(new VersionNeed(string(strtab, fileName), string(strtab, versionName), buf.getInt((int) aux),
                        Short.toUnsignedInt(buf.getShort((int) aux + 6)), fileName, versionName, aux));
                long next = Integer.toUnsignedLong(buf.getInt((int) aux + 12));
                if (next == 0) break;
                aux += next;
            }
            long next = Integer.toUnsignedLong(buf.getInt((int) need + 12));
            if (next == 0) break;
            need += next;
        }
        return out;
    }

    /** Version definitions by version index (Elf64_Verdef, first name of each). */
    Map<Integer, String> versionDefinitions() {
        Map<Integer, String> out = new HashMap<>();
        Section vd = section(SHT_GNU_VERDEF);
        if (vd == null) return out;
        Section strtab = sections.get(vd.link());
        long def = vd.offset();
        while (true) {
            int ndx = Short.toUnsignedInt(buf.getShort((int) def + 4));
            long aux = def + Integer.toUnsignedLong(buf.getInt((int) def + 12));
            out.put(ndx, string(strtab, Integer.toUnsignedLong(buf.getInt((int) aux))));
            long next = Integer.toUnsignedLong(buf.getInt((int) def + 16));
            if (next == 0) break;
            def += next;
        }
        return out;
    }

    /**
     * Symbols this library exports (st_shndx != 0, not local), each with the name of its version
     * as the loader matches it, or "" for an unversioned one.
     */
    Map<String, String> definedSymbols() {
        Map<String, String> out = new HashMap<>();
        Section sym = section(SHT_DYNSYM);
        if (sym == null) return out;
        Section strtab = sections.get(sym.link());
        Section versym = section(SHT_GNU_VERSYM);
        Map<Integer, String> defs = versionDefinitions();
        long count = sym.size() / 24;
        for (long i = 1; i < count; i++) {
            int at = Math.toIntExact(sym.offset() + 24 * i);
            if (buf.getShort(at + 6) == 0) continue; // undefined: imported from elsewhere
            String name = string(strtab, Integer.toUnsignedLong(buf.getInt(at)));
            int ver = versym == null ? 1 : Short.toUnsignedInt(buf.getShort(Math.toIntExact(versym.offset() + 2 * i))) & 0x7fff;
            if (ver == 0) continue; // local to the library
            out.put(name, defs.getOrDefault(ver, "")); // index 1: the base version, named by the soname

        }
        return out;
    }

    /** Names of the symbols this library imports (undefined in .dynsym). */
    List<String> importedSymbols() {
        List<String> out = new ArrayList<>();
        Section sym = section(SHT_DYNSYM);
        if (sym == null) return out;
        Section strtab = sections.get(sym.link());
        for (long i = 1; i < sym.size() / 24; i++) {
            int at = Math.toIntExact(sym.offset() + 24 * i);
            if (buf.getShort(at + 6) == 0) out.add(string(strtab, Integer.toUnsignedLong(buf.getInt(at))));
        }
        return out;
    }

    /** The System V ELF hash of a version name, as vna_hash / vd_hash hold it. */
    static int elfHash(String name) {
        long h = 0;
        for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h << 4) + (c & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) h ^= g >>> 24;
            h &= ~g & 0xffffffffL;
        }
        return (int) h;
    }
}
