package io.capgate.agent.os;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@link ProcessMemory} over an open {@code /proc/PID/mem} file, using positional I/O. */
final class ProcMemFile implements ProcessMemory {

    private final FileChannel channel;
    private final String name;

    private ProcMemFile(FileChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    static ProcMemFile open(Path memFile, boolean writable) throws IOException {
        FileChannel channel = writable
                ? FileChannel.open(memFile, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(memFile, StandardOpenOption.READ);
        return new ProcMemFile(channel, memFile.toString());
    }

    @Override
    public void read(long address, byte[] destination) throws IOException {
        checkAddress(address);
        ByteBuffer buffer = ByteBuffer.wrap(destination);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, address + buffer.position());
            if (n <= 0) {
                throw new EOFException("%s: cannot read %d bytes at 0x%x (unmapped, or process exited)"
                        .formatted(name, destination.length, address));
            }
        }
    }

    @Override
    public void write(long address, byte[] source) throws IOException {
        checkAddress(address);
        ByteBuffer buffer = ByteBuffer.wrap(source);
        while (buffer.hasRemaining()) {
            int n = channel.write(buffer, address + buffer.position());
            if (n <= 0) {
                throw new EOFException("%s: cannot write %d bytes at 0x%x".formatted(name, source.length, address));
            }
        }
    }

    private void checkAddress(long address) throws IOException {
        if (address <= 0) {
            throw new IOException("%s: address 0x%x is outside user space".formatted(name, address));
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
