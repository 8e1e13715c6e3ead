package io.capgate.agent.fleet.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A durable, bounded, append-only outbox of records, each with a per-agent sequence number assigned at
 * {@link #append}: 1, 2, 3, ... across restarts, never reused for a record the portal could have seen.
 *
 * <p>Lifecycle of a record: {@link #append} writes it; a sync ({@link SyncPolicy}) makes it durable and only
 * then visible to {@link #readFrom}; the portal's cumulative {@link #acknowledge} frees it, a whole segment file
 * at a time. Reopening the directory after a crash truncates a torn last record (detected by its length and
 * CRC32C, never returned) and continues after the last intact one.
 *
 * <p>When the spool is full, {@code append} neither blocks nor throws: it counts the record under its category
 * and returns empty; the agent reports {@link #drops()} and then {@link #clearReportedDrops}. A failed write or
 * sync puts the spool in a failed state ({@link #failure()}): appends are counted as drops until it is reopened.
 *
 * <p>Thread-safe for one writer ({@code append}, {@code syncIfDue}) and one reader ({@code readFrom},
 * {@code acknowledge}); reads of record data happen outside the lock, so a reader does not stall the writer.
 */
public final class Spool implements Closeable {

    /** Drop category for unacknowledged records lost to a damaged segment found when the spool opened. */
    public static final String CORRUPT = "spool.corrupt";
    /** Drop category for records lost to a failed write or sync. */
    public static final String IO_ERROR = "spool.io-error";
    /** Drop category counting 1 when the drop counter file itself was damaged and its counts are unknown. */
    public static final String COUNTERS_RESET = "spool.counters-reset";

    private final Path dir;
    private final SpoolConfig config;
    private final Clock clock;
    private final Consumer<String> notices;
    private final FileChannel lockChannel;
    private final Object mutex = new Object();
    private final SegmentChain segments;
    private final DropCounters drops;
    private long acknowledged;
    private int unsynced;
    private long oldestUnsyncedMillis;
    private IOException failure;
    private boolean closed;

    private Spool(Path dir, SpoolConfig config, Clock clock, Consumer<String> notices, FileChannel lockChannel,
                  DropCounters drops, long acknowledged) throws IOException {
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.notices = notices;
        this.lockChannel = lockChannel;
        this.drops = drops;
        this.segments = new SegmentChain(dir, new SpoolRecovery(dir, config, drops, notices).recover(acknowledged));
        this.acknowledged = Math.max(acknowledged, segments.firstSequence() - 1);
        if (drops.dirty()) {
            drops.persist();
        }
    }

    /**
     * Opens (creating if needed) the spool in {@code dir} and recovers it.
     *
     * @param notices receives one line per recovery action (torn tail truncated, damaged segment)
     * @throws SpoolLockedException when another spool has the directory open
     * @throws SpoolCorruptedException when the directory cannot be made consistent without losing sequence order
     */
    public static Spool open(Path dir, SpoolConfig config, Clock clock, Consumer<String> notices)
            throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                throw new SpoolLockedException(dir);
            }
            DropCounters drops = DropCounters.load(dir.resolve("drops"), clock, notices);
            return new Spool(dir, config, clock, notices, lockChannel, drops,
                    SpoolRecovery.readAcknowledged(dir.resolve("acked"), notices));
        } catch (OverlappingFileLockException e) {
            lockChannel.close();
            throw new SpoolLockedException(dir);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    /**
     * Appends a record and returns its sequence number; when the spool is full (or failed) counts the record as
     * dropped under {@code category} and returns empty.
     *
     * <p>The sequence is not part of the payload: the sender builds the wire message (an observation batch, a
     * violation, a drop report) from {@link SpoolRecord#payload()} and {@link SpoolRecord#sequence()} at replay.
     *
     * @param category what the record is, for the drop counters: 1 to 200 of {@code [A-Za-z0-9._:/@-]}, not
     *                 starting with {@code spool.}
     * @throws RecordTooLargeException when the payload exceeds {@link SpoolConfig#maxRecordBytes()}
     */
    public OptionalLong append(String category, byte[] payload) {
        DropCounters.checkCategory(category);
        if (category.startsWith("spool.")) {
            throw new IllegalArgumentException("categories starting with 'spool.' are the spool's own: " + category);
        }
        if (payload.length > config.maxRecordBytes()) {
            throw new RecordTooLargeException(payload.length, config.maxRecordBytes());
        }
        synchronized (mutex) {
            ensureOpen();
            long recordBytes = RecordFormat.RECORD_HEADER_BYTES + (long) payload.length;
            Segment active = segments.active();
            boolean roll = active.hasRecords() && active.size() + recordBytes > config.segmentBytes();
            long needed = recordBytes + (roll ? RecordFormat.FILE_HEADER_BYTES : 0);
            if (failure != null || segments.totalBytes() + needed > config.maxBytes()) {
                drop(category, 1);
                return OptionalLong.empty();
            }
            try {
                if (roll) {
                    active = segments.roll();
                }
                long sequence = active.nextSequence();
                segments.append(sequence, payload);
                changed();
                return OptionalLong.of(sequence);
            } catch (IOException e) {
                fail(e);
                drop(category, 1);
                return OptionalLong.empty();
            }
        }
    }

    /**
     * Up to {@code maxRecords} durable records from {@code fromSequence} on, in order. Records already
     * acknowledged are skipped; a gap left by a damaged segment (counted as {@link #CORRUPT}) shows as a jump in
     * the sequences returned.
     *
     * @throws SpoolCorruptedException when a record that was intact at open no longer is
     */
    public List<SpoolRecord> readFrom(long fromSequence, int maxRecords) throws IOException {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, got " + maxRecords);
        }
        List<SegmentChain.ReadSpan> spans;
        long start;
        synchronized (mutex) {
            ensureOpen();
            start = Math.max(fromSequence, acknowledged + 1);
            spans = segments.spans(start);
        }
        return SegmentChain.read(spans, start, maxRecords, config.maxRecordBytes());
    }

    /**
     * The portal stored everything up to {@code upToSequence}: remember that and delete the segments it
     * covers. Cumulative; a lower value than before is ignored.
     *
     * @throws IllegalArgumentException when {@code upToSequence} was never assigned
     */
    public void acknowledge(long upToSequence) throws IOException {
        synchronized (mutex) {
            ensureOpen();
            long last = segments.active().nextSequence() - 1;
            if (upToSequence > last) {
                throw new IllegalArgumentException("acknowledged sequence %d was never assigned; the last is %d"
                        .formatted(upToSequence, last));
            }
            if (upToSequence <= acknowledged) {
                return;
            }
            markAcknowledged(upToSequence, failure == null);
        }
    }

    /**
     * The portal has stored everything up to {@code portalMark}, which this spool never assigned: its directory
     * was wiped or restored from an older copy while the agent kept its identity. The portal would take
     * sequences up to the mark for replays of what it has and discard them, so the records not yet acknowledged
     * are appended again after the mark (in order, same payloads), the old ones are freed, and appends continue
     * from there. Nothing when the mark is within what was assigned.
     *
     * <p>The copies are durable before the old records are freed. A crash in between replays both (the portal
     * discards the old ones as replays) and may count the jump in sequences as lost records in a drop report:
     * over-reporting, never a silent loss. The spool may exceed its bound by the copies until the old segments
     * are deleted, at the end of this call.
     *
     * @return how many records were moved
     */
    public long resumeAfter(long portalMark) throws IOException {
        synchronized (mutex) {
            ensureOpen();
            long oldLast = segments.active().nextSequence() - 1;
            if (portalMark <= oldLast) {
                return 0;
            }
            syncLocked();
            long from = acknowledged + 1;
            segments.startAt(portalMark + 1);
            long moved = 0;
            while (from <= oldLast) {
                List<SpoolRecord> chunk = SegmentChain.read(segments.spans(from), from, 1024, config.maxRecordBytes());
                if (chunk.isEmpty() || chunk.getFirst().sequence() > oldLast) {
                    break;
                }
                for (SpoolRecord r : chunk) {
                    if (r.sequence() > oldLast) {
                        break;
                    }
                    segments.append(segments.active().nextSequence(), r.payload());
                    moved++;
                    from = r.sequence() + 1;
                }
            }
            syncLocked();
            markAcknowledged(portalMark, false);
            notices.accept(("spool: the portal has stored up to sequence %d but this spool had only assigned up to %d "
                    + "(was it wiped or restored?); %d unacknowledged records moved after the portal's mark")
                    .formatted(portalMark, oldLast, moved));
            return moved;
        }
    }

    /** Persists the acknowledged mark, then frees the segments it covers. Under the lock. */
    private void markAcknowledged(long upToSequence, boolean mayRoll) throws IOException {
        StateFile.write(dir.resolve("acked"), ByteBuffer.allocate(8).putLong(upToSequence).array());
        acknowledged = upToSequence;
        segments.deleteThrough(acknowledged, mayRoll);
    }

    /** Forces appended records and drop counts to disk now. */
    public void sync() throws IOException {
        synchronized (mutex) {
            ensureOpen();
            syncLocked();
        }
    }

    /** Syncs when the policy's delay has passed since the oldest unsynced append; call it every few ms. */
    public void syncIfDue() throws IOException {
        synchronized (mutex) {
            ensureOpen();
            if (config.sync().due(unsynced, oldestUnsyncedMillis, clock.millis())) {
                syncLocked();
            }
        }
    }

    /**
     * Counts {@code n} records of {@code category} that never reached the spool (a producer's queue was full,
     * bpftrace lost events in its kernel buffer), so they go out in the next drop report like the spool's own.
     *
     * @param category as for {@link #append}
     */
    public void countDropped(String category, long n) {
        DropCounters.checkCategory(category);
        if (n < 0) {
            throw new IllegalArgumentException("a drop count cannot be negative: " + n);
        }
        if (n == 0) {
            return;
        }
        synchronized (mutex) {
            ensureOpen();
            drop(category, n);
        }
    }

    /** The drops counted since the last {@link #clearReportedDrops}. */
    public DropSnapshot drops() {
        synchronized (mutex) {
            return drops.snapshot();
        }
    }

    /** Subtracts drops that were reported; drops counted since {@code reported} was taken remain. */
    public void clearReportedDrops(DropSnapshot reported) throws IOException {
        synchronized (mutex) {
            ensureOpen();
            drops.clear(reported);
            drops.persist();
        }
    }

    /** The highest acknowledged sequence, 0 when none. */
    public long acknowledged() {
        synchronized (mutex) {
            return acknowledged;
        }
    }

    /** The sequence the next appended record will get. */
    public long nextSequence() {
        synchronized (mutex) {
            return segments.active().nextSequence();
        }
    }

    /** The highest sequence that is durable and readable, 0 when none. */
    public long durableSequence() {
        synchronized (mutex) {
            return segments.active().durableNextSequence() - 1;
        }
    }

    /** Bytes of all segment files, what {@link SpoolConfig#maxBytes()} bounds. */
    public long sizeBytes() {
        synchronized (mutex) {
            return segments.totalBytes();
        }
    }

    /** Why the spool stopped accepting records, if it did; reopen it to recover. */
    public Optional<IOException> failure() {
        synchronized (mutex) {
            return Optional.ofNullable(failure);
        }
    }

    /** Syncs what is pending and releases the directory. */
    @Override
    public void close() throws IOException {
        synchronized (mutex) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (failure == null) {
                    syncLocked();
                }
            } finally {
                try {
                    segments.close();
                } finally {
                    lockChannel.close();
                }
            }
        }
    }

    private void drop(String category, long n) {
        drops.count(category, n);
        changed();
    }

    private void changed() {
        if (unsynced++ == 0) {
            oldestUnsyncedMillis = clock.millis();
        }
        if (failure == null && config.sync().due(unsynced, oldestUnsyncedMillis, clock.millis())) {
            try {
                syncLocked();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private void syncLocked() throws IOException {
        segments.active().sync();
        if (drops.dirty()) {
            drops.persist();
        }
        unsynced = 0;
    }

    private void fail(IOException e) {
        failure = e;
        Segment active = segments.active();
        long lost = active.nextSequence() - active.durableNextSequence();
        notices.accept("spool: writing to %s failed (%s); %d records not yet on disk are lost and appends are "
                .formatted(dir, e.getMessage(), lost) + "counted as drops until the spool is reopened");
        drops.count(IO_ERROR, lost);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("spool " + dir + " is closed");
        }
    }
}
