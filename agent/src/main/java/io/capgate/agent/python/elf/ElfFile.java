package io.capgate.agent.python.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An ELF64 little-endian file. Headers are parsed when the file is opened; symbol tables,
 * the dynamic section and SDT notes are parsed on first use. Instances are immutable and
 * safe to share between threads once built.
 */
public final class ElfFile {

    /** Executable with a fixed load address (non-PIE). */
    public static final int ET_EXEC = 2;
    /** Shared object: a library or a position-independent executable. */
    public static final int ET_DYN = 3;
    /** AMD x86-64. */
    public static final int EM_X86_64 = 62;

    private static final int EHDR_SIZE = 64;

    private final ElfData data;
    private final int type;
    private final int machine;
    private final List<ElfSegment> segments;
    private final List<ElfSection> sections;
    private final ElfSymbols symbols;
    private volatile ElfDynamic dynamic;
    private volatile List<SdtProbe> sdtProbes;

    private ElfFile(ElfData data) throws ElfException {
        this.data = data;
        byte[] ident = data.bytes(0, 16, "ELF identification");
        if (ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F') {
            throw data.error("not an ELF file (bad magic)");
        }
        if (ident[4] != 2 || ident[5] != 1) {
            throw data.error("only ELF64 little-endian is supported (class %d, data %d)".formatted(ident[4], ident[5]));
        }
        data.check(0, EHDR_SIZE, "ELF header");
        this.type = data.u16(16, "e_type");
        this.machine = data.u16(18, "e_machine");
        this.segments = ElfHeaders.segments(data);
        this.sections = ElfHeaders.sections(data);
        this.symbols = new ElfSymbols(data, sections);
    }

    /**
     * Memory-maps and parses a file. The mapping is released by the garbage collector.
     *
     * @throws ElfException when the file is not a well-formed ELF64 little-endian file
     * @throws IOException when it cannot be read
     */
    public static ElfFile open(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new ElfException(path + ": files over 2 GiB are not supported (" + size + " bytes)");
            }
            return parse(channel.map(FileChannel.MapMode.READ_ONLY, 0, size), path.toString());
        }
    }

    /**
     * Parses ELF bytes already in memory.
     *
     * @param bytes the whole file, from position 0 to capacity
     * @param origin name used in error messages
     * @throws ElfException when the bytes are not a well-formed ELF64 little-endian file
     */
    public static ElfFile parse(ByteBuffer bytes, String origin) throws ElfException {
        return new ElfFile(new ElfData(bytes, origin));
    }

    /** Where the bytes came from (the path given to {@link #open}). */
    public String origin() {
        return data.origin();
    }

    /** {@code e_type}: {@link #ET_EXEC}, {@link #ET_DYN}, ... */
    public int type() {
        return type;
    }

    /** {@code e_machine}, e.g. {@link #EM_X86_64}. */
    public int machine() {
        return machine;
    }

    /** All program headers. */
    public List<ElfSegment> segments() {
        return segments;
    }

    /** The {@code PT_LOAD} program headers, in file order. */
    public List<ElfSegment> loadSegments() {
        return segments.stream().filter(ElfSegment::isLoad).toList();
    }

    /** All section headers (empty when the file has none). */
    public List<ElfSection> sections() {
        return sections;
    }

    /** The first section with this name. */
    public Optional<ElfSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * A defined symbol by name, from {@code .dynsym} first, then {@code .symtab}.
     *
     * @throws ElfException when a symbol table is malformed
     */
    public Optional<ElfSymbol> symbol(String name) throws ElfException {
        return symbols.find(name);
    }

    /**
     * The dynamic section: needed libraries, run paths, soname.
     *
     * @throws ElfException when it is malformed
     */
    public ElfDynamic dynamic() throws ElfException {
        ElfDynamic result = dynamic;
        if (result == null) {
            result = ElfDynamic.read(this, data);
            dynamic = result;
        }
        return result;
    }

    /**
     * The SDT probes of {@code .note.stapsdt}, empty when there are none.
     *
     * @throws ElfException when the notes are malformed
     */
    public List<SdtProbe> sdtProbes() throws ElfException {
        List<SdtProbe> result = sdtProbes;
        if (result == null) {
            result = SdtNotes.read(this, data);
            sdtProbes = result;
        }
        return result;
    }

    /** The file offset holding the byte at link-time address {@code vaddr}, if a PT_LOAD maps it from the file. */
    public OptionalLong fileOffsetOf(long vaddr) {
        for (ElfSegment segment : segments) {
            if (segment.isLoad() && segment.containsAddress(vaddr)
                    && Long.compareUnsigned(vaddr - segment.vaddr(), segment.fileSize()) < 0) {
                return OptionalLong.of(segment.offset() + (vaddr - segment.vaddr()));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Reads initialised bytes at a link-time address (e.g. a constant such as {@code Py_Version}).
     *
     * @throws ElfException when no PT_LOAD maps that range from the file
     */
    public byte[] readVirtual(long vaddr, int length) throws ElfException {
        OptionalLong offset = fileOffsetOf(vaddr);
        if (offset.isEmpty() || (length > 0 && fileOffsetOf(vaddr + length - 1).isEmpty())) {
            throw data.error("address 0x%x (+%d) is not backed by file bytes".formatted(vaddr, length));
        }
        return data.bytes(offset.getAsLong(), length, "bytes at 0x%x".formatted(vaddr));
    }
}
