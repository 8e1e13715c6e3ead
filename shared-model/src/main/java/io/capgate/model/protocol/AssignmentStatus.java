package io.capgate.model.protocol;

import java.util.List;

/**
 * Whether the agent protects its assigned services and their processes; sent after each {@link Assignments} and
 * whenever a status changes (a process starts or exits, bpftrace dies). Each frame replaces the portal's view of
 * the services it mentions.
 *
 * <p>Wire: {@code i64 revision, list<ProtectionStatus> statuses}.
 *
 * @param requestId a fresh id from the agent
 * @param revision  the {@link Assignments#revision()} these statuses are for
 * @param statuses  per service (pid 0) and per process
 */
public record AssignmentStatus(long requestId, long revision, List<ProtectionStatus> statuses)
        implements AgentMessage {

    public AssignmentStatus {
        Checks.atLeast(revision, 0, "revision");
        statuses = Checks.list(statuses, "statuses", 0, Limits.MAX_LIST_ENTRIES);
    }

    @Override
    public MessageType type() {
        return MessageType.ASSIGNMENT_STATUS;
    }
}
