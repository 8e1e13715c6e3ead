package io.capgate.portal.agents;

import io.capgate.model.protocol.ServiceMode;
import java.time.Instant;
import java.util.List;

/**
 * A service an agent supervises, in a mode, with what the agent last reported about it.
 *
 * @param agentHostName the agent's host, for views listing the agents of one service
 * @param activeVersion the number of the service's ACTIVE manifest version, null when none is (OBSERVE only)
 * @param assignedBy username of who assigned it
 * @param changedBy username of who last changed it (the assigner until a mode change)
 * @param processes the latest report per process (pid 0 for the service as a whole), by pid; empty until the
 *     agent reports
 * @param lastReportAt when the newest of {@code processes} arrived, null when none did
 */
public record AgentAssignment(String agentId, String agentHostName, long serviceId, String serviceName,
    long projectId, ServiceMode mode, Integer activeVersion, String assignedBy, Instant assignedAt,
    String changedBy, Instant changedAt, List<ProcessProtection> processes, Instant lastReportAt) {

  public AgentAssignment {
    processes = List.copyOf(processes);
  }

  /** {@link AssignmentProtection#UNKNOWN} before any report, else protected only when every report says so. */
  public AssignmentProtection protection() {
    if (processes.isEmpty()) {
      return AssignmentProtection.UNKNOWN;
    }
    return processes.stream().allMatch(ProcessProtection::isProtected) ? AssignmentProtection.PROTECTED
        : AssignmentProtection.NOT_PROTECTED;
  }
}
