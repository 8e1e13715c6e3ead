package io.capgate.agent.python.elf;

import java.util.ArrayList;
import java.util.List;

/** Parses the program and section header tables of an ELF64 file. */
final class ElfHeaders {

    private static final int PHDR_SIZE = 56;
    private static final int SHDR_SIZE = 64;
    private static final int SHN_XINDEX = 0xffff;

    private ElfHeaders() {
    }

    static List<ElfSegment> segments(ElfData data) throws ElfException {
        long phoff = data.u64(32, "e_phoff");
        int entrySize = data.u16(54, "e_phentsize");
        int count = data.u16(56, "e_phnum");
        if (count == 0) {
            return List.of();
        }
        if (entrySize < PHDR_SIZE) {
            throw data.error("program header size %d is below %d".formatted(entrySize, PHDR_SIZE));
        }
        data.check(phoff, (long) entrySize * count, "program header table");
        List<ElfSegment> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long at = phoff + (long) i * entrySize;
            result.add(new ElfSegment(data.u32(at, "p_type"), data.u32(at + 4, "p_flags"), data.u64(at + 8, "p_offset"),
                    data.u64(at + 16, "p_vaddr"), data.u64(at + 32, "p_filesz"), data.u64(at + 40, "p_memsz"),
                    data.u64(at + 48, "p_align")));
        }
        return List.copyOf(result);
    }

    static List<ElfSection> sections(ElfData data) throws ElfException {
        long shoff = data.u64(40, "e_shoff");
        int entrySize = data.u16(58, "e_shentsize");
        long count = data.u16(60, "e_shnum");
        long names = data.u16(62, "e_shstrndx");
        if (shoff == 0) {
            return List.of();
        }
        if (entrySize < SHDR_SIZE) {
            throw data.error("section header size %d is below %d".formatted(entrySize, SHDR_SIZE));
        }
        if (count == 0) { // extended numbering: the real count is in section 0's sh_size
            count = data.u64(shoff + 32, "extended section count");
        }
        if (names == SHN_XINDEX) {
            names = data.u32(shoff + 40, "extended e_shstrndx");
        }
        if (count > data.size() / entrySize) {
            throw data.error("section count %d cannot fit in the file".formatted(count));
        }
        data.check(shoff, count * entrySize, "section header table");
        if (names >= count) {
            throw data.error("e_shstrndx %d is not below the section count %d".formatted(names, count));
        }
        long namesAt = shoff + names * entrySize;
        long namesOffset = data.u64(namesAt + 24, "shstrtab offset");
        long namesEnd = namesOffset + data.u64(namesAt + 32, "shstrtab size");
        data.check(namesOffset, namesEnd - namesOffset, "section name table");
        List<ElfSection> result = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            long at = shoff + i * entrySize;
            long nameOffset = data.u32(at, "sh_name");
            String name = i == 0 ? "" : data.cString(namesOffset + nameOffset, namesEnd, "section name");
            result.add(new ElfSection(name, data.u32(at + 4, "sh_type"), data.u64(at + 8, "sh_flags"),
                    data.u64(at + 16, "sh_addr"), data.u64(at + 24, "sh_offset"), data.u64(at + 32, "sh_size"),
                    data.u32(at + 40, "sh_link"), data.u32(at + 44, "sh_info"), data.u64(at + 56, "sh_entsize")));
        }
        return List.copyOf(result);
    }
}
