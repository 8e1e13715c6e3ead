package io.capgate.portal.violations;

import io.capgate.model.protocol.StackFrame;
import java.time.Instant;
import java.util.List;

/** A stored violation: what the process did, where in its Python code, and what the agent did about it. */
public record StoredViolation(long id, long serviceId, String agentId, long sequence, int pid, int tid, Instant at,
    String module, String syscall, int syscallNumber, String action, List<StackFrame> stack, String detail,
    Instant receivedAt) {

  public StoredViolation {
    stack = List.copyOf(stack);
  }
}
