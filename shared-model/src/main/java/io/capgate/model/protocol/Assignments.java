package io.capgate.model.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The complete set of services an agent supervises: services not listed are released. Sent after {@link HelloAck}
 * and whenever the set changes; the agent answers with {@link AssignmentStatus}.
 *
 * <p>Wire: {@code i64 revision, list<ServiceAssignment> services}.
 *
 * @param requestId a fresh id from the portal
 * @param revision  increases with every change for this agent, so a late, older Assignments is ignored
 * @param services  the assignments, at most one per service id, up to {@link Limits#MAX_SERVICES}
 */
public record Assignments(long requestId, long revision, List<ServiceAssignment> services) implements AgentMessage {

    public Assignments {
        Checks.atLeast(revision, 0, "revision");
        services = Checks.list(services, "services", 0, Limits.MAX_SERVICES);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            if (!ids.add(services.get(i).serviceId())) {
                throw new IllegalArgumentException("services[" + i + "] repeats the service id of an earlier entry");
            }
        }
    }

    @Override
    public MessageType type() {
        return MessageType.ASSIGNMENTS;
    }
}
