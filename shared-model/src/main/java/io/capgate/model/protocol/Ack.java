package io.capgate.model.protocol;

import java.util.HashSet;
import java.util.List;

/**
 * The portal stored data from the agent.
 *
 * <p>Wire: {@code i64 upToSequence, list<u64> requestIds}.
 *
 * @param requestId    a fresh id from the portal
 * @param upToSequence cumulative: every {@link SequencedMessage} with a sequence up to this one is stored and may
 *                     be deleted from the agent's spool; 0 acknowledges no sequence
 * @param requestIds   request ids of other frames stored (such as {@link AssignmentStatus}), without duplicates
 */
public record Ack(long requestId, long upToSequence, List<Long> requestIds) implements AgentMessage {

    public Ack {
        Checks.atLeast(upToSequence, 0, "upToSequence");
        requestIds = Checks.list(requestIds, "requestIds", 0, Limits.MAX_LIST_ENTRIES);
        if (new HashSet<>(requestIds).size() != requestIds.size()) {
            throw new IllegalArgumentException("requestIds must not contain duplicates");
        }
        if (upToSequence == 0 && requestIds.isEmpty()) {
            throw new IllegalArgumentException("an Ack must acknowledge a sequence, request ids, or both");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.ACK;
    }
}
