package io.capgate.agent.os;

import java.util.Objects;

/**
 * One line of {@code /proc/PID/maps}: a virtual address range and what backs it.
 *
 * @param start first address (inclusive)
 * @param end end address (exclusive)
 * @param perms permission string as the kernel prints it, e.g. {@code r-xp}
 * @param offset offset into the backing file of {@code start}
 * @param device device as {@code major:minor} in hex
 * @param inode inode of the backing file, 0 for anonymous mappings
 * @param path backing file, pseudo name such as {@code [heap]}, or empty; may end with
 *     {@code " (deleted)"} when the file was removed or replaced after mapping
 */
public record MemoryMapping(long start, long end, String perms, long offset, String device, long inode,
        String path) {

    private static final String DELETED = " (deleted)";

    /** Validates the range and the non-null fields. */
    public MemoryMapping {
        Objects.requireNonNull(perms, "perms");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(path, "path");
        if (Long.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException("mapping end %x before start %x".formatted(end, start));
        }
    }

    /** True when a file (not the heap, stack, vdso or anonymous memory) backs this range. */
    public boolean isFileBacked() {
        return inode != 0 && path.startsWith("/");
    }

    /** True when the kernel marks the backing file as deleted (removed or replaced on disk). */
    public boolean isDeleted() {
        return path.endsWith(DELETED);
    }

    /** The file path without a {@code " (deleted)"} suffix. */
    public String filePath() {
        return isDeleted() ? path.substring(0, path.length() - DELETED.length()) : path;
    }

    /** True when {@code address} lies in this range. */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }

    /** True when the range is readable. */
    public boolean readable() {
        return perms.charAt(0) == 'r';
    }

    /** True when the range is writable. */
    public boolean writable() {
        return perms.length() > 1 && perms.charAt(1) == 'w';
    }

    /** True when the range is executable. */
    public boolean executable() {
        return perms.length() > 2 && perms.charAt(2) == 'x';
    }
}
