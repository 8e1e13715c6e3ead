package io.capgate.agent.os;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Random access to another process's virtual memory, little-endian (x86-64).
 * Implementations are not required to be thread-safe.
 */
public interface ProcessMemory extends Closeable {

    /**
     * Fills {@code destination} with the bytes at {@code address}.
     *
     * @throws IOException when the range is not mapped (fewer bytes could be read) or the
     *     process has exited
     */
    void read(long address, byte[] destination) throws IOException;

    /**
     * Writes {@code source} at {@code address}, bypassing page protections as ptrace does.
     *
     * @throws IOException when the range is not mapped or the handle was opened read-only
     */
    void write(long address, byte[] source) throws IOException;

    /** Reads {@code length} bytes at {@code address}. */
    default byte[] read(long address, int length) throws IOException {
        byte[] bytes = new byte[length];
        read(address, bytes);
        return bytes;
    }

    /** Reads a 64-bit value (a pointer, a {@code Py_ssize_t}). */
    default long readLong(long address) throws IOException {
        return ByteBuffer.wrap(read(address, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Reads a 32-bit value. */
    default int readInt(long address) throws IOException {
        return ByteBuffer.wrap(read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** Reads an unsigned 16-bit value. */
    default int readUnsignedShort(long address) throws IOException {
        return Short.toUnsignedInt(ByteBuffer.wrap(read(address, 2)).order(ByteOrder.LITTLE_ENDIAN).getShort());
    }

    /** Writes a 16-bit value. */
    default void writeShort(long address, int value) throws IOException {
        write(address, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
    }
}
