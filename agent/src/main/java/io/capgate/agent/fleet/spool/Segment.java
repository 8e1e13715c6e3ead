package io.capgate.agent.fleet.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * One segment file: consecutive records starting at {@link #firstSequence()}. Only the newest segment is open
 * for writing. Not thread-safe: the spool guards it.
 */
final class Segment implements Closeable {

    /** A sparse index entry every this many records bounds the scan for a sequence. */
    static final int INDEX_EVERY = 128;

    private final Path path;
    private final long firstSequence;
    private final TreeMap<Long, Long> index = new TreeMap<>();
    private FileChannel channel;
    private long size;
    private long nextSequence;
    private long durableSize;
    private long durableNextSequence;

    private Segment(Path path, long firstSequence, long size, long nextSequence) {
        this.path = path;
        this.firstSequence = firstSequence;
        this.size = size;
        this.nextSequence = nextSequence;
        this.durableSize = size;
        this.durableNextSequence = nextSequence;
    }

    static String fileName(long firstSequence) {
        return "%020d.seg".formatted(firstSequence);
    }

    /** Creates an empty segment file and makes its existence durable before anything relies on it. */
    static Segment create(Path dir, long firstSequence) throws IOException {
        Path path = dir.resolve(fileName(firstSequence));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = RecordFormat.fileHeader(firstSequence);
            while (header.hasRemaining()) {
                channel.write(header);
            }
            channel.force(true);
            StateFile.syncDirectory(dir);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        Segment segment = new Segment(path, firstSequence, RecordFormat.FILE_HEADER_BYTES, firstSequence);
        segment.channel = channel;
        return segment;
    }

    /** A segment whose file was scanned and found intact up to {@code scan.validEnd()}. */
    static Segment recovered(Path path, long firstSequence, SegmentReader.Scan scan) {
        Segment segment = new Segment(path, firstSequence, scan.validEnd(), scan.nextSequence());
        segment.index.putAll(scan.index());
        return segment;
    }

    /** Opens this (newest) segment for appending. */
    void openForAppend() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.WRITE);
        }
    }

    void append(long sequence, byte[] payload) throws IOException {
        if (sequence != nextSequence) {
            throw new IllegalStateException("segment %s expects sequence %d, not %d".formatted(path, nextSequence,
                    sequence));
        }
        ByteBuffer record = RecordFormat.record(sequence, payload);
        long position = size;
        try {
            while (record.hasRemaining()) {
                position += channel.write(record, position);
            }
        } catch (IOException e) {
            try {
                channel.truncate(size); // leave no half record behind if the disk lets us
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        if ((sequence - firstSequence) % INDEX_EVERY == 0) {
            index.put(sequence, size);
        }
        size = position;
        nextSequence = sequence + 1;
    }

    void sync() throws IOException {
        if (channel != null && durableSize != size) {
            channel.force(false);
        }
        durableSize = size;
        durableNextSequence = nextSequence;
    }

    /** Syncs and closes for writing: the segment is complete. */
    void seal() throws IOException {
        sync();
        close();
    }

    /** The byte position to start scanning from for {@code sequence}: the nearest index entry at or before it. */
    Map.Entry<Long, Long> seekPoint(long sequence) {
        Map.Entry<Long, Long> entry = index.floorEntry(sequence);
        return entry != null ? entry : Map.entry(firstSequence, (long) RecordFormat.FILE_HEADER_BYTES);
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    Path path() {
        return path;
    }

    long firstSequence() {
        return firstSequence;
    }

    /** The sequence the next record will get; {@code firstSequence()} when empty. */
    long nextSequence() {
        return nextSequence;
    }

    boolean hasRecords() {
        return nextSequence > firstSequence;
    }

    long size() {
        return size;
    }

    long durableSize() {
        return durableSize;
    }

    long durableNextSequence() {
        return durableNextSequence;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            FileChannel c = channel;
            channel = null;
            c.close();
        }
    }
}
