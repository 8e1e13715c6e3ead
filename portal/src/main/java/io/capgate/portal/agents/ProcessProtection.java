package io.capgate.portal.agents;

import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.StatusReason;
import java.time.Instant;

/**
 * What an agent last reported about one assigned service, for one process or (pid 0) for the service as a whole.
 *
 * @param pid the process, or 0 for the service as a whole (no process found, signature refused, ...)
 * @param reason {@link StatusReason#NONE} exactly when {@code state} is {@link ProtectionState#PROTECTED}
 * @param detail host-side detail for operators (bpftrace's error line, ...), possibly empty
 * @param reportedAt when the portal received the report
 */
public record ProcessProtection(int pid, ProtectionState state, StatusReason reason, String detail,
    Instant reportedAt) {

  /** Whether the agent enforces the manifest on this process. */
  public boolean isProtected() {
    return state == ProtectionState.PROTECTED;
  }
}
