package io.capgate.agent.python.elf;

/**
 * A program header.
 *
 * @param type {@code p_type}, e.g. {@link #PT_LOAD}
 * @param flags {@code p_flags}: {@link #PF_X}, {@link #PF_W}, {@link #PF_R}
 * @param offset file offset of the segment's first byte
 * @param vaddr link-time virtual address of the segment's first byte
 * @param fileSize bytes present in the file
 * @param memSize bytes in memory (larger than fileSize for .bss)
 * @param align alignment
 */
public record ElfSegment(long type, long flags, long offset, long vaddr, long fileSize, long memSize, long align) {

    /** Loadable segment. */
    public static final long PT_LOAD = 1;
    /** Dynamic linking information. */
    public static final long PT_DYNAMIC = 2;
    /** Executable flag. */
    public static final long PF_X = 1;
    /** Writable flag. */
    public static final long PF_W = 2;
    /** Readable flag. */
    public static final long PF_R = 4;

    /** True for {@code PT_LOAD}. */
    public boolean isLoad() {
        return type == PT_LOAD;
    }

    /** True when the file bytes of this segment include {@code fileOffset}. */
    public boolean containsOffset(long fileOffset) {
        return fileOffset >= offset && fileOffset - offset < fileSize;
    }

    /** True when the memory image of this segment includes {@code address}. */
    public boolean containsAddress(long address) {
        return Long.compareUnsigned(address, vaddr) >= 0 && Long.compareUnsigned(address - vaddr, memSize) < 0;
    }
}
