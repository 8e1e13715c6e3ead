package io.capgate.agent.fleet.spool;

import java.time.Duration;

/**
 * When appended records are forced to disk ({@code fsync}).
 *
 * <p><b>Crash window.</b> Records appended since the last sync can be lost if the machine (not just the agent)
 * crashes: with {@link #batched} at most {@code maxRecords} records or {@code maxDelay} worth of appends,
 * provided the owner calls {@link Spool#syncIfDue()} at least every {@code maxDelay} (a sync also happens on the
 * append that reaches either limit). Records lost that way were never sent: {@link Spool#readFrom} returns only
 * synced records, so a sequence number reused after such a crash was never seen by the portal. An agent crash
 * alone loses nothing, the data is in the page cache. {@link #everyAppend()} has no window and costs one
 * {@code fsync} per record.
 *
 * @param maxRecords sync once this many records (or drop counts) are unsynced; 1 means every append
 * @param maxDelay   sync once the oldest unsynced record is this old
 */
public record SyncPolicy(int maxRecords, Duration maxDelay) {

    /** The default: at most 1000 records or 200 ms unsynced. */
    public static final SyncPolicy DEFAULT = batched(1000, Duration.ofMillis(200));

    public SyncPolicy {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, got " + maxRecords);
        }
        if (maxDelay == null || maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must be zero or positive, got " + maxDelay);
        }
    }

    /** Sync on every append: no crash window, one {@code fsync} per record. */
    public static SyncPolicy everyAppend() {
        return new SyncPolicy(1, Duration.ZERO);
    }

    /** Sync when {@code maxRecords} are unsynced or the oldest unsynced one is {@code maxDelay} old. */
    public static SyncPolicy batched(int maxRecords, Duration maxDelay) {
        return new SyncPolicy(maxRecords, maxDelay);
    }

    boolean due(int unsynced, long oldestUnsyncedMillis, long nowMillis) {
        return unsynced > 0 && (unsynced >= maxRecords || nowMillis - oldestUnsyncedMillis >= maxDelay.toMillis());
    }
}
