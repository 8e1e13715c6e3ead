package io.capgate.agent.fleet.spool;

/**
 * Limits and durability of a {@link Spool}.
 *
 * @param maxBytes       the most disk the spool uses, all segment files together; appends beyond it are dropped
 *                       and counted
 * @param segmentBytes   the size at which a segment file is closed and a new one started; acknowledged data is
 *                       freed a whole segment at a time, so smaller segments free space sooner
 * @param maxRecordBytes the largest payload one record may have
 * @param sync           when appends are forced to disk
 */
public record SpoolConfig(long maxBytes, int segmentBytes, int maxRecordBytes, SyncPolicy sync) {

    /** 256 MiB in 8 MiB segments, records up to 1 MiB, {@link SyncPolicy#DEFAULT}. */
    public static final SpoolConfig DEFAULT = new SpoolConfig(256L << 20, 8 << 20, 1 << 20, SyncPolicy.DEFAULT);

    public SpoolConfig {
        if (sync == null) {
            throw new IllegalArgumentException("sync policy is required");
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be at least 1, got " + maxRecordBytes);
        }
        long smallestSegment = (long) RecordFormat.FILE_HEADER_BYTES + RecordFormat.RECORD_HEADER_BYTES
                + maxRecordBytes;
        if (segmentBytes < smallestSegment) {
            throw new IllegalArgumentException("segmentBytes (%d) must hold at least one record of maxRecordBytes "
                    .formatted(segmentBytes) + "(%d bytes with headers)".formatted(smallestSegment));
        }
        if (maxBytes < segmentBytes) {
            throw new IllegalArgumentException("maxBytes (%d) must be at least segmentBytes (%d)"
                    .formatted(maxBytes, segmentBytes));
        }
    }

    /** This configuration with another sync policy. */
    public SpoolConfig withSync(SyncPolicy policy) {
        return new SpoolConfig(maxBytes, segmentBytes, maxRecordBytes, policy);
    }
}
