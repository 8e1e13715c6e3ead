package io.capgate.portal.agents;

import io.capgate.model.protocol.ServiceMode;
import java.util.List;
import java.util.Optional;

/**
 * Everything an agent must supervise, as the gateway turns it into {@code ASSIGNMENTS}: read by
 * {@link AssignmentDistribution#current}.
 *
 * @param revision the agent's assignments revision; increases with every change
 */
public record AssignmentSet(String agentId, long revision, List<Entry> services) {

  public AssignmentSet {
    services = List.copyOf(services);
  }

  /**
   * One assigned service.
   *
   * @param matchExecutable absolute path of the executable (null with a systemd unit)
   * @param matchArguments Java regex its arguments must match, null or empty for any
   * @param systemdUnit the systemd unit (null with an executable)
   * @param manifest the ACTIVE version, empty when the service has none (then {@code mode} is OBSERVE)
   */
  public record Entry(long serviceId, String name, String matchExecutable, String matchArguments,
      String systemdUnit, ServiceMode mode, Optional<ActiveManifest> manifest) {}

  /**
   * The service's ACTIVE manifest version.
   *
   * @param canonicalJson its canonical form (shared-model's {@code ManifestWriter.toJson}), the bytes to sign
   */
  public record ActiveManifest(long versionId, int version, String canonicalJson) {}
}
