package io.capgate.agent.fleet.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The segments of a spool, oldest first; the last one is the active segment appends go to. Keeps the byte
 * total the spool's bound applies to. Not thread-safe: the spool guards it.
 */
final class SegmentChain implements Closeable {

    /** Where to read one segment's durable records from, taken under the spool's lock and used outside it. */
    record ReadSpan(Path path, long sequence, long position, long limit, long end) {
    }

    private final Path dir;
    private final ArrayDeque<Segment> segments;
    private long totalBytes;

    SegmentChain(Path dir, ArrayDeque<Segment> segments) {
        this.dir = dir;
        this.segments = segments;
        for (Segment s : segments) {
            totalBytes += s.size();
        }
    }

    Segment active() {
        return segments.getLast();
    }

    long firstSequence() {
        return segments.getFirst().firstSequence();
    }

    long totalBytes() {
        return totalBytes;
    }

    /** Appends to the active segment, keeping the byte total. */
    void append(long sequence, byte[] payload) throws IOException {
        Segment active = active();
        long before = active.size();
        try {
            active.append(sequence, payload);
        } finally {
            totalBytes += active.size() - before;
        }
    }

    /** Seals the active segment and starts the next one, which is durable before anything relies on it. */
    Segment roll() throws IOException {
        return startAt(active().nextSequence());
    }

    /** Seals the active segment and starts a new one at {@code firstSequence}, past the active one's records. */
    Segment startAt(long firstSequence) throws IOException {
        Segment old = active();
        if (firstSequence < old.nextSequence()) {
            throw new IllegalArgumentException("a new segment must start after sequence " + (old.nextSequence() - 1)
                    + ", not at " + firstSequence);
        }
        old.seal();
        Segment next = Segment.create(dir, firstSequence);
        segments.add(next);
        totalBytes += next.size();
        return next;
    }

    /** Deletes every segment whose records are all acknowledged; a fully acknowledged active one is rolled. */
    void deleteThrough(long acknowledged, boolean mayRoll) throws IOException {
        while (segments.size() > 1 && segments.getFirst().nextSequence() - 1 <= acknowledged) {
            deleteFirst();
        }
        Segment active = active();
        if (mayRoll && active.hasRecords() && active.nextSequence() - 1 <= acknowledged) {
            roll();
            deleteFirst();
        }
    }

    /** The durable records from {@code start} on, one span per segment that has any. */
    List<ReadSpan> spans(long start) {
        List<ReadSpan> spans = new ArrayList<>();
        for (Segment s : segments) {
            if (s.durableNextSequence() > start) {
                Map.Entry<Long, Long> seek = s.seekPoint(Math.max(start, s.firstSequence()));
                spans.add(new ReadSpan(s.path(), seek.getKey(), seek.getValue(), s.durableSize(),
                        s.durableNextSequence()));
            }
        }
        return spans;
    }

    /** Reads up to {@code max} records from {@code start} on; call it without holding the spool's lock. */
    static List<SpoolRecord> read(List<ReadSpan> spans, long start, int max, int maxRecordBytes)
            throws IOException {
        List<SpoolRecord> records = new ArrayList<>();
        for (ReadSpan span : spans) {
            try (SegmentReader reader = SegmentReader.open(span.path, maxRecordBytes, span.position, span.limit)) {
                for (long seq = span.sequence; seq < span.end && records.size() < max; seq++) {
                    SpoolRecord r = Objects.requireNonNull(reader.next(seq), "span ends before its last record");
                    if (seq >= start) {
                        records.add(r);
                    }
                }
            } catch (NoSuchFileException e) {
                // acknowledged and deleted since the spans were taken: nothing in it is wanted any more
            }
            if (records.size() >= max) {
                break;
            }
        }
        return records;
    }

    private void deleteFirst() throws IOException {
        Segment gone = segments.removeFirst();
        totalBytes -= gone.size();
        gone.delete();
    }

    @Override
    public void close() throws IOException {
        for (Segment s : segments) {
            s.close();
        }
    }
}
