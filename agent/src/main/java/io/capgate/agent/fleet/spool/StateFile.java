package io.capgate.agent.fleet.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A small file replaced atomically (write a temporary file, {@code fsync}, rename, {@code fsync} the directory)
 * and protected by a trailing CRC32C, so a reader sees the old content or the new one, never a mix.
 */
final class StateFile {

    private StateFile() {
    }

    static void write(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32C crc = new CRC32C();
        crc.update(content);
        ByteBuffer buffer = ByteBuffer.allocate(content.length + 4).put(content).putInt((int) crc.getValue()).flip();
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.getParent());
    }

    /** The content, or empty when the file does not exist. */
    static Optional<byte[]> read(Path file) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (all.length < 4) {
            throw new SpoolCorruptedException(file, 0, "shorter than its checksum");
        }
        byte[] content = Arrays.copyOf(all, all.length - 4);
        CRC32C crc = new CRC32C();
        crc.update(content);
        if ((int) crc.getValue() != ByteBuffer.wrap(all, all.length - 4, 4).getInt()) {
            throw new SpoolCorruptedException(file, 0, "checksum mismatch");
        }
        return Optional.of(content);
    }

    /** Makes a create, rename or delete in {@code dir} durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
