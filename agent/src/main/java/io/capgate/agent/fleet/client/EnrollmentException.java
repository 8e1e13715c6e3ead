package io.capgate.agent.fleet.client;

import io.capgate.model.protocol.ErrorCode;
import java.util.Optional;

/** Enrollment did not succeed; {@link #reason()} says which way, the message what to do. */
public final class EnrollmentException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why enrollment failed. */
    public enum Reason {
        /** The portal could not be reached (DNS, refused, timeout): retry later or check the address. */
        UNREACHABLE,
        /** The portal's certificate does not chain to the pinned CA (or does not name the host): nothing was sent. */
        UNTRUSTED_PORTAL,
        /** The portal refused the token or the CSR (used, expired, unknown); {@link #code()} says which. */
        REFUSED,
        /** The portal answered something this agent did not expect, or nothing at all. */
        PROTOCOL
    }

    private final Reason reason;
    private final transient ErrorCode code;

    EnrollmentException(Reason reason, String message, ErrorCode code, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.code = code;
    }

    public Reason reason() {
        return reason;
    }

    /** The portal's error code when it refused. */
    public Optional<ErrorCode> code() {
        return Optional.ofNullable(code);
    }
}
