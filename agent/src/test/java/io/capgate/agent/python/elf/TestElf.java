package io.capgate.agent.python.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small ELF64 little-endian files for tests. Every section with a non-zero address gets
 * its own PT_LOAD (file offset = section offset, page-congruent with the address); a
 * {@code .dynamic} section also gets PT_DYNAMIC.
 */
public final class TestElf {

    /** One section to lay out. */
    record Section(String name, long type, long flags, long addr, byte[] data, int link, long entrySize) {
    }

    private final int type;
    private final List<Section> sections = new ArrayList<>();

    public TestElf(int type) {
        this.type = type;
    }

    /** Adds a section and returns its index (the null section is 0). */
    public int section(String name, long sectionType, long addr, byte[] data, int link, long entrySize) {
        sections.add(new Section(name, sectionType, addr == 0 ? 0 : 2, addr, data, link, entrySize));
        return sections.size();
    }

    /** Builds the file. */
    public byte[] build() {
        StringTable names = new StringTable();
        for (Section s : sections) {
            names.add(s.name());
        }
        int shstrtabNameOffset = names.add(".shstrtab");
        byte[] shstrtab = names.bytes();
        List<Section> all = new ArrayList<>(sections);
        all.add(new Section(".shstrtab", ElfSection.SHT_STRTAB, 0, 0, shstrtab, 0, 0));
        long loads = all.stream().filter(s -> s.addr() != 0).count();
        long dynamics = all.stream().filter(s -> s.name().equals(".dynamic")).count();
        int phnum = (int) (loads + dynamics);
        long offset = 64 + 56L * phnum;
        long[] offsets = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            long addr = all.get(i).addr();
            // Like a linker: a loaded section's file offset is congruent to its address modulo the page size.
            offset = addr == 0 ? (offset + 15) & ~15L : ((offset + 0xfff) & ~0xfffL) + (addr & 0xfff);
            offsets[i] = offset;
            offset += all.get(i).data().length;
        }
        long shoff = (offset + 15) & ~15L;
        int shnum = all.size() + 1;
        ByteBuffer out = ByteBuffer.allocate((int) (shoff + 64L * shnum)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        out.position(16);
        out.putShort((short) type).putShort((short) ElfFile.EM_X86_64).putInt(1).putLong(0).putLong(64)
                .putLong(shoff).putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) phnum)
                .putShort((short) 64).putShort((short) shnum).putShort((short) all.size());
        out.position(64);
        for (int i = 0; i < all.size(); i++) {
            Section s = all.get(i);
            if (s.addr() != 0) {
                long flags = ElfSegment.PF_R | (s.name().equals(".text") ? ElfSegment.PF_X : 0)
                        | (s.name().equals(".data") || s.name().equals(".probes") ? ElfSegment.PF_W : 0);
                phdr(out, ElfSegment.PT_LOAD, flags, offsets[i], s.addr(), s.data().length);
            }
        }
        for (int i = 0; i < all.size(); i++) {
            Section s = all.get(i);
            if (s.name().equals(".dynamic")) {
                phdr(out, ElfSegment.PT_DYNAMIC, ElfSegment.PF_R, offsets[i], s.addr(), s.data().length);
            }
        }
        for (int i = 0; i < all.size(); i++) {
            out.position((int) offsets[i]);
            out.put(all.get(i).data());
        }
        out.position((int) shoff + 64); // section 0 stays all zero
        for (int i = 0; i < all.size(); i++) {
            Section s = all.get(i);
            int nameOffset = i == all.size() - 1 ? shstrtabNameOffset : names.offsetOf(s.name());
            out.putInt(nameOffset).putInt((int) s.type()).putLong(s.flags()).putLong(s.addr()).putLong(offsets[i])
                    .putLong(s.data().length).putInt(s.link()).putInt(0).putLong(1).putLong(s.entrySize());
        }
        return out.array();
    }

    private static void phdr(ByteBuffer out, long type, long flags, long offset, long vaddr, long size) {
        out.putInt((int) type).putInt((int) flags).putLong(offset).putLong(vaddr).putLong(vaddr).putLong(size)
                .putLong(size).putLong(1);
    }

    /** A string table: offset 0 is the empty string. */
    public static final class StringTable {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Map<String, Integer> offsets = new LinkedHashMap<>();

        public StringTable() {
            bytes.write(0);
            offsets.put("", 0);
        }

        public int add(String s) {
            return offsets.computeIfAbsent(s, k -> {
                int at = bytes.size();
                bytes.writeBytes(k.getBytes(StandardCharsets.UTF_8));
                bytes.write(0);
                return at;
            });
        }

        public int offsetOf(String s) {
            return offsets.get(s);
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    /** Encodes symbol table entries (entry 0, the null symbol, included). */
    public static byte[] symbols(StringTable strings, List<ElfSymbol> symbols) {
        ByteBuffer out = ByteBuffer.allocate(24 * (symbols.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
        out.position(24);
        for (ElfSymbol s : symbols) {
            out.putInt(strings.add(s.name())).put((byte) (s.bind() << 4 | s.type())).put((byte) 0)
                    .putShort((short) s.sectionIndex()).putLong(s.value()).putLong(s.size());
        }
        return out.array();
    }

    /** Encodes one SDT note. */
    public static byte[] sdtNote(long pc, long base, long semaphore, String provider, String name, String args) {
        byte[] strings = (provider + "\0" + name + "\0" + args + "\0").getBytes(StandardCharsets.UTF_8);
        int descSize = 24 + strings.length;
        ByteBuffer out = ByteBuffer.allocate(12 + 8 + ((descSize + 3) & ~3)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(8).putInt(descSize).putInt(3).put("stapsdt\0".getBytes(StandardCharsets.US_ASCII));
        out.putLong(pc).putLong(base).putLong(semaphore).put(strings);
        return out.array();
    }

    /** Encodes dynamic entries followed by DT_NULL. */
    public static byte[] dynamic(long[]... entries) {
        ByteBuffer out = ByteBuffer.allocate(16 * (entries.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] e : entries) {
            out.putLong(e[0]).putLong(e[1]);
        }
        return out.array();
    }

    /** A little-endian long as bytes. */
    public static byte[] le64(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }
}
