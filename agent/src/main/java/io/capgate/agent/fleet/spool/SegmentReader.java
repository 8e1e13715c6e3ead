package io.capgate.agent.fleet.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and checks the records of one segment file with buffered positional reads, so it never disturbs a
 * writer appending to the same file and never reads past {@code limit}.
 */
final class SegmentReader implements Closeable {

    /** What a full scan found: the intact prefix of the file, and why it ends where it does. */
    record Scan(long validEnd, long nextSequence, Map<Long, Long> index, String damage) {

        boolean damaged() {
            return damage != null;
        }
    }

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final int maxRecordBytes;
    private final long limit;
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).limit(0);
    private long position;

    private SegmentReader(Path path, FileChannel channel, int maxRecordBytes, long position, long limit) {
        this.path = path;
        this.channel = channel;
        this.maxRecordBytes = maxRecordBytes;
        this.position = position;
        this.limit = limit;
    }

    static SegmentReader open(Path path, int maxRecordBytes, long position, long limit) throws IOException {
        return new SegmentReader(path, FileChannel.open(path, StandardOpenOption.READ), maxRecordBytes, position,
                limit);
    }

    /** Checks a whole file from its header on, as the spool does when it opens. */
    static Scan scan(Path path, long firstSequence, int maxRecordBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long end = channel.size();
            SegmentReader reader = new SegmentReader(path, channel, maxRecordBytes, 0, end);
            Map<Long, Long> index = new TreeMap<>();
            String header = reader.checkHeader(firstSequence);
            if (header != null) {
                return new Scan(0, firstSequence, index, header);
            }
            long sequence = firstSequence;
            while (reader.position < end) {
                long start = reader.position;
                String damage = reader.check(sequence);
                if (damage != null) {
                    return new Scan(start, sequence, index, damage);
                }
                if ((sequence - firstSequence) % Segment.INDEX_EVERY == 0) {
                    index.put(sequence, start);
                }
                sequence++;
            }
            return new Scan(end, sequence, index, null);
        }
    }

    /**
     * The next record, which must have {@code expectedSequence}; null at {@code limit}.
     *
     * @throws SpoolCorruptedException when the record is damaged
     */
    SpoolRecord next(long expectedSequence) throws IOException {
        if (position >= limit) {
            return null;
        }
        long start = position;
        String damage = check(expectedSequence);
        if (damage != null) {
            throw new SpoolCorruptedException(path, start, damage);
        }
        byte[] payload = new byte[(int) (position - start - RecordFormat.RECORD_HEADER_BYTES)];
        buffer.get(buffer.position() - payload.length, payload);
        return new SpoolRecord(expectedSequence, payload);
    }

    /** Returns null and moves past the record when it is intact, else what is wrong (and stays put). */
    private String check(long expectedSequence) throws IOException {
        if (!fill(RecordFormat.RECORD_HEADER_BYTES)) {
            return "torn record header";
        }
        int length = buffer.getInt(buffer.position());
        int crc = buffer.getInt(buffer.position() + 4);
        long sequence = buffer.getLong(buffer.position() + 8);
        if (length < 0 || length > maxRecordBytes) {
            return "record length %d outside 0..%d".formatted(length, maxRecordBytes);
        }
        if (!fill(RecordFormat.RECORD_HEADER_BYTES + length)) {
            return "torn record: %d byte payload ends past the end of the file".formatted(length);
        }
        ByteBuffer payload = buffer.slice(buffer.position() + RecordFormat.RECORD_HEADER_BYTES, length);
        if (RecordFormat.crc(length, sequence, payload) != crc) {
            return "CRC mismatch in the record of sequence " + expectedSequence;
        }
        if (sequence != expectedSequence) {
            return "sequence %d where %d was expected".formatted(sequence, expectedSequence);
        }
        buffer.position(buffer.position() + RecordFormat.RECORD_HEADER_BYTES + length);
        position += RecordFormat.RECORD_HEADER_BYTES + length;
        return null;
    }

    private String checkHeader(long firstSequence) throws IOException {
        if (!fill(RecordFormat.FILE_HEADER_BYTES)) {
            return "torn file header";
        }
        if (buffer.getInt() != RecordFormat.MAGIC) {
            return "not a spool segment (bad magic)";
        }
        int version = buffer.getInt();
        if (version != RecordFormat.VERSION) {
            return "unknown segment version " + version;
        }
        long first = buffer.getLong();
        position += RecordFormat.FILE_HEADER_BYTES;
        return first == firstSequence ? null : "header says first sequence %d, file name says %d"
                .formatted(first, firstSequence);
    }

    /** Makes {@code n} bytes from {@code position} available in the buffer; false when the limit comes first. */
    private boolean fill(int n) throws IOException {
        if (position + n > limit) {
            return false;
        }
        if (buffer.remaining() >= n) {
            return true;
        }
        ByteBuffer next = n > buffer.capacity() ? ByteBuffer.allocate(n) : buffer;
        if (next == buffer) {
            buffer.compact();
        } else {
            next.put(buffer);
        }
        buffer = next;
        long readAt = position + buffer.position();
        while (buffer.position() < n) {
            int read = channel.read(buffer.limit((int) Math.min(buffer.capacity(), limit - position)), readAt);
            if (read < 0) {
                buffer.flip();
                return false;
            }
            readAt += read;
        }
        buffer.flip();
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
