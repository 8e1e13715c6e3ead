package io.capgate.model.protocol;

import java.util.List;

/**
 * What the agent could not deliver during a time range. Dropped data never received a sequence number, so
 * sequences have no gaps; the agent keeps these counters outside its spool and sends them once there is room.
 *
 * <p>Wire: {@code i64 sequence, i64 fromMillis, i64 toMillis, list<ServiceDrops> services}.
 *
 * @param requestId  a fresh id from the agent
 * @param sequence   see {@link SequencedMessage}
 * @param fromMillis start of the range, epoch milliseconds
 * @param toMillis   end of the range, not before {@code fromMillis}
 * @param services   counts per service, 1 to {@link Limits#MAX_LIST_ENTRIES}
 */
public record DropReport(long requestId, long sequence, long fromMillis, long toMillis, List<ServiceDrops> services)
        implements SequencedMessage {

    public DropReport {
        Checks.atLeast(sequence, 1, "sequence");
        Checks.epochMillis(fromMillis, "fromMillis");
        Checks.epochMillis(toMillis, "toMillis");
        Checks.ordered(fromMillis, toMillis, "fromMillis", "toMillis");
        services = Checks.list(services, "services", 1, Limits.MAX_LIST_ENTRIES);
    }

    @Override
    public MessageType type() {
        return MessageType.DROP_REPORT;
    }
}
