package io.capgate.agent.python;

import io.capgate.agent.os.ProcessMemory;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Sparse in-memory {@link ProcessMemory}: regions are added explicitly; anything else is unmapped. */
final class FakeMemory implements ProcessMemory {

    private final TreeMap<Long, byte[]> regions = new TreeMap<>();
    /** Set to simulate an exited process: every access fails, as /proc/PID/mem does then. */
    boolean gone;

    /** Maps a zero-filled region. */
    FakeMemory map(long address, int size) {
        regions.put(address, new byte[size]);
        return this;
    }

    FakeMemory putLong(long address, long value) throws IOException {
        write(address, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        return this;
    }

    FakeMemory putInt(long address, int value) throws IOException {
        write(address, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        return this;
    }

    FakeMemory putAscii(long address, String text) throws IOException {
        write(address, text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    @Override
    public void read(long address, byte[] destination) throws IOException {
        System.arraycopy(region(address, destination.length), (int) (address - regions.floorKey(address)),
                destination, 0, destination.length);
    }

    @Override
    public void write(long address, byte[] source) throws IOException {
        System.arraycopy(source, 0, region(address, source.length), (int) (address - regions.floorKey(address)),
                source.length);
    }

    private byte[] region(long address, int length) throws IOException {
        if (gone) {
            throw new EOFException("process exited");
        }
        Map.Entry<Long, byte[]> entry = regions.floorEntry(address);
        if (entry == null || address + length > entry.getKey() + entry.getValue().length) {
            throw new EOFException("unmapped: 0x%x+%d".formatted(address, length));
        }
        return entry.getValue();
    }

    @Override
    public void close() {
    }
}
