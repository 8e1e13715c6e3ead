package io.capgate.portal.agents;

import java.time.Instant;
import java.util.List;

/**
 * An enrolled agent and its host.
 *
 * @param id the agent's id, the common name of its certificate
 * @param bpftraceVersion null when the agent found no bpftrace
 * @param agentVersion null until the agent's first HELLO
 * @param certificateSerial hex of its current certificate's serial number
 * @param certificateSha256 SHA-256 of its current certificate's DER, hex
 * @param lastSeenAt null until it first connects
 * @param status derived when read
 */
public record Agent(String id, long organizationId, long projectId, String hostName, String kernel,
    String bpftraceVersion, List<String> pythonVersions, String agentVersion, String certificateSerial,
    String certificateSha256, Instant certificateNotAfter, Instant enrolledAt, Instant lastSeenAt,
    Instant revokedAt, AgentStatus status) {

  public Agent {
    pythonVersions = List.copyOf(pythonVersions);
  }
}
