package io.capgate.agent.fleet.spool;

/**
 * A record is larger than {@link SpoolConfig#maxRecordBytes()}. This is a caller's bug, not a full spool: split
 * the batch into smaller records.
 */
public final class RecordTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int size;
    private final int limit;

    /**
     * Creates the exception.
     *
     * @param size  the record's payload size in bytes
     * @param limit the largest payload the spool accepts
     */
    public RecordTooLargeException(int size, int limit) {
        super("record of %d bytes is larger than the spool's limit of %d bytes per record; split it into smaller records"
                .formatted(size, limit));
        this.size = size;
        this.limit = limit;
    }

    /** The rejected payload's size in bytes. */
    public int size() {
        return size;
    }

    /** The largest payload the spool accepts. */
    public int limit() {
        return limit;
    }
}
