package io.capgate.agent.fleet.supervision;

import io.capgate.model.protocol.StatusReason;
import java.util.Objects;

/**
 * Why a session could not start or ended on its own, in the terms the portal shows operators.
 *
 * @param reason what kind of failure, never {@link StatusReason#NONE}
 * @param detail one line for the operator (bpftrace's last error line, the interpreter's version, ...)
 */
public record SessionFailure(StatusReason reason, String detail) {

    public SessionFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (reason == StatusReason.NONE) {
            throw new IllegalArgumentException("a failure needs a reason other than NONE");
        }
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
