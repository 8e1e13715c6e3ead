package io.capgate.agent.fleet.supervision;

import io.capgate.agent.fleet.discovery.ProcessId;
import java.util.Objects;

/**
 * A session to start: attach the engine to one process of a service with a policy.
 *
 * @param serviceId the service
 * @param target    the process to attach to ({@code --pid})
 * @param policy    manifest and mode
 */
public record SessionSpec(String serviceId, ProcessId target, Policy policy) {

    public SessionSpec {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(policy, "policy");
    }
}
