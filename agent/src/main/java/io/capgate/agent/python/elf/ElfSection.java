package io.capgate.agent.python.elf;

/**
 * A section header.
 *
 * @param name the section name from {@code .shstrtab}
 * @param type {@code sh_type}, e.g. {@link #SHT_SYMTAB}
 * @param flags {@code sh_flags}
 * @param addr link-time address when the section is loaded, else 0
 * @param offset file offset of its bytes
 * @param size size in bytes (in memory only, for {@link #SHT_NOBITS})
 * @param link {@code sh_link}: for symbol tables, the index of their string table
 * @param info {@code sh_info}
 * @param entrySize {@code sh_entsize}: size of one table entry, or 0
 */
public record ElfSection(String name, long type, long flags, long addr, long offset, long size, long link,
        long info, long entrySize) {

    /** Symbol table. */
    public static final long SHT_SYMTAB = 2;
    /** String table. */
    public static final long SHT_STRTAB = 3;
    /** Notes. */
    public static final long SHT_NOTE = 7;
    /** Occupies no file space (.bss). */
    public static final long SHT_NOBITS = 8;
    /** Dynamic symbol table. */
    public static final long SHT_DYNSYM = 11;

    /** True when the section has bytes in the file. */
    public boolean hasFileData() {
        return type != SHT_NOBITS && type != 0;
    }
}
