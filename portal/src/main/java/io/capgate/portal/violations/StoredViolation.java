package io.capgate.portal.violations;

import io.capgate.model.protocol.StackFrame;
import java.time.Instant;
import java.util.List;

/**
 * A stored violation: what the process did, where in its Python code, and what the agent did about it.
 *
 * @param serviceName the service's name now
 * @param host        the reporting agent's host name ("" when the agent is unknown)
 */
public record StoredViolation(long id, long serviceId, String agentId, long sequence, int pid, int tid, Instant at,
    String module, String syscall, int syscallNumber, String action, List<StackFrame> stack, String detail,
    Instant receivedAt, String serviceName, String host) {

  public StoredViolation {
    stack = List.copyOf(stack);
    host = host == null ? "" : host;
  }

  /** The agent's own name for the violation, unique in the portal: {@code agentId:sequence}. */
  public String key() {
    return agentId + ":" + sequence;
  }
}
