package io.capgate.model.protocol;

import java.util.List;

/**
 * Aggregated observations of supervised services.
 *
 * <p>Wire: {@code i64 sequence, list<ObservationEntry> entries}. A full batch can exceed
 * {@link Framing#MAX_FRAME_BYTES} although every entry is within its limits: agents size batches with
 * {@link MessageEncoder#frameLength(AgentMessage)}.
 *
 * @param requestId a fresh id from the agent
 * @param sequence  see {@link SequencedMessage}
 * @param entries   1 to {@link Limits#MAX_LIST_ENTRIES} entries
 */
public record ObservationBatch(long requestId, long sequence, List<ObservationEntry> entries)
        implements SequencedMessage {

    public ObservationBatch {
        Checks.atLeast(sequence, 1, "sequence");
        entries = Checks.list(entries, "entries", 1, Limits.MAX_LIST_ENTRIES);
    }

    @Override
    public MessageType type() {
        return MessageType.OBSERVATION_BATCH;
    }
}
