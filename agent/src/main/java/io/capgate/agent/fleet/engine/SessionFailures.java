package io.capgate.agent.fleet.engine;

import io.capgate.agent.fleet.supervision.SessionFailure;
import io.capgate.agent.supervise.PreflightException;
import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.StatusReason;

/** The engine's refusals in the terms the portal shows operators. */
final class SessionFailures {

    private SessionFailures() {
    }

    static SessionFailure of(PreflightException e) {
        StatusReason reason = switch (e.kind()) {
            case NOT_ROOT -> StatusReason.NOT_ROOT;
            case BPFTRACE -> StatusReason.BPFTRACE_FAILED;
            case KERNEL -> StatusReason.KERNEL_UNSUPPORTED;
            case INTERPRETER -> StatusReason.UNSUPPORTED_INTERPRETER;
            case MANIFEST -> StatusReason.MANIFEST_INVALID;
            case NO_PROCESS -> StatusReason.NO_PROCESS;
            case OTHER -> StatusReason.INTERNAL;
        };
        return of(reason, e.getMessage());
    }

    static SessionFailure of(StatusReason reason, String detail) {
        return new SessionFailure(reason, Limits.clip(detail == null ? "" : detail, Limits.MAX_TEXT_BYTES));
    }
}
