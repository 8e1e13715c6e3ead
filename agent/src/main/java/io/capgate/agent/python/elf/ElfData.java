package io.capgate.agent.python.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reads from the bytes of one ELF file. Offsets are unsigned
 * 64-bit file offsets as found in headers; anything outside the file is an {@link ElfException}.
 */
final class ElfData {

    private final ByteBuffer bytes;
    private final String origin;

    ElfData(ByteBuffer bytes, String origin) {
        this.bytes = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.origin = origin;
    }

    long size() {
        return bytes.capacity();
    }

    String origin() {
        return origin;
    }

    ElfException error(String message) {
        return new ElfException(origin + ": " + message);
    }

    /** Checks that [offset, offset + length) lies in the file and returns offset as an int. */
    int check(long offset, long length, String what) throws ElfException {
        if (offset < 0 || length < 0 || offset > size() || length > size() - offset) {
            throw error("%s at offset 0x%x, length %d, lies outside the file (%d bytes)"
                    .formatted(what, offset, length, size()));
        }
        return (int) offset;
    }

    int u8(long offset, String what) throws ElfException {
        return Byte.toUnsignedInt(bytes.get(check(offset, 1, what)));
    }

    int u16(long offset, String what) throws ElfException {
        return Short.toUnsignedInt(bytes.getShort(check(offset, 2, what)));
    }

    long u32(long offset, String what) throws ElfException {
        return Integer.toUnsignedLong(bytes.getInt(check(offset, 4, what)));
    }

    long u64(long offset, String what) throws ElfException {
        return bytes.getLong(check(offset, 8, what));
    }

    byte[] bytes(long offset, int length, String what) throws ElfException {
        byte[] result = new byte[length];
        bytes.get(check(offset, length, what), result);
        return result;
    }

    /** A NUL-terminated string starting at offset that must end before limit. */
    String cString(long offset, long limit, String what) throws ElfException {
        int start = (int) offset;
        byte[] text = new byte[(int) (nulAt(offset, limit, what) - offset)];
        bytes.get(start, text);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** The offset of the NUL ending the string at offset, which must come before limit. */
    long nulAt(long offset, long limit, String what) throws ElfException {
        long end = Math.min(limit, size());
        int start = check(offset, 0, what);
        for (long i = start; i < end; i++) {
            if (bytes.get((int) i) == 0) {
                return i;
            }
        }
        throw error("%s at offset 0x%x is not NUL-terminated before 0x%x".formatted(what, offset, end));
    }
}
