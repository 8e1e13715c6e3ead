package io.capgate.agent.fleet.supervision;

import io.capgate.agent.fleet.discovery.MatcherSpec;
import io.capgate.agent.fleet.identity.VerifiedManifest;
import java.util.Objects;
import java.util.Optional;

/**
 * A service the portal assigned to this agent, with a manifest whose signature was checked.
 *
 * @param serviceId the portal's service id
 * @param matcher   how its processes are found
 * @param mode      what to do on violations
 * @param manifest  the manifest to enforce; absent only in {@link SupervisionMode#OBSERVE}
 */
public record Assignment(String serviceId, MatcherSpec matcher, SupervisionMode mode,
                         Optional<VerifiedManifest> manifest) {

    public Assignment {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(matcher, "matcher");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(manifest, "manifest");
        new Policy(manifest, mode); // fails fast on an enforcing mode without a manifest
    }

    /** The policy its sessions enforce. */
    public Policy policy() {
        return new Policy(manifest, mode);
    }
}
