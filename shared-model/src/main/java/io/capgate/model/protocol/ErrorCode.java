package io.capgate.model.protocol;

import java.util.Optional;

/**
 * Typed error codes carried by {@link ErrorReply}, as {@code u16} wire ids grouped like {@link MessageType}:
 * {@code 0x00xx} frame and session errors, {@code 0x02xx} enrollment. Ids are never renumbered.
 */
public enum ErrorCode {

    /** The frame's header or body could not be decoded. */
    MALFORMED_FRAME(0x0001, true),
    /** The type id is unknown to the receiver; the session goes on. */
    UNSUPPORTED_TYPE(0x0002, false),
    /** No common protocol version, or a frame declared a version the receiver does not speak. */
    UNSUPPORTED_VERSION(0x0003, true),
    /** The frame's length exceeds {@link Framing#MAX_FRAME_BYTES}. */
    TOO_LARGE(0x0004, true),
    /** A known message sent in the wrong direction or session state, for example data before Hello. */
    UNEXPECTED_MESSAGE(0x0005, false),
    /** The peer is not allowed to do this, for example a Hello whose agent id does not match its certificate. */
    UNAUTHORIZED(0x0006, true),
    /** The receiver failed; the sender may retry later. */
    INTERNAL(0x0007, false),

    /** The enrollment token is unknown or malformed. */
    ENROLLMENT_TOKEN_INVALID(0x0201, true),
    /** The enrollment token is past its expiry. */
    ENROLLMENT_TOKEN_EXPIRED(0x0202, true),
    /** The enrollment token was already used by another agent. */
    ENROLLMENT_TOKEN_USED(0x0203, true),
    /** The CSR is malformed, has a bad self-signature or an unacceptable key. */
    CSR_REJECTED(0x0204, true);

    private static final WireIds<ErrorCode> IDS = WireIds.index(values(), ErrorCode::id, 0xFFFF);

    private final int id;
    private final boolean fatal;

    ErrorCode(int id, boolean fatal) {
        this.id = id;
        this.fatal = fatal;
    }

    /** The wire id, an unsigned 16-bit value. */
    public int id() {
        return id;
    }

    /** Whether the side sending this error closes the connection right after it. */
    public boolean fatal() {
        return fatal;
    }

    public static Optional<ErrorCode> byId(int id) {
        return IDS.find(id);
    }
}
