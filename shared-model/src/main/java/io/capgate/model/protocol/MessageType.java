package io.capgate.model.protocol;

import java.util.Optional;

/**
 * Every message type with its wire id: the {@code u16} after the protocol version in each frame header.
 *
 * <p>Ids are grouped by feature in the high byte: {@code 0x01xx} session, {@code 0x02xx} enrollment,
 * {@code 0x03xx} supervision, {@code 0x04xx} streaming, {@code 0x7Fxx} errors. An id, once released, is never
 * reused or renumbered ({@code MessageTypeTest} holds the golden list); the enum's declaration order means
 * nothing on the wire. Each id maps to one record implementing {@link AgentMessage}.
 */
public enum MessageType {

    /** Agent opens a session: offered versions, identity, host facts. */
    HELLO(0x0101, Direction.AGENT_TO_PORTAL, Body.FROZEN),
    /** Portal accepts a session: chosen version, heartbeat interval, last stored sequence. */
    HELLO_ACK(0x0102, Direction.PORTAL_TO_AGENT, Body.FROZEN),
    /** Liveness in both directions. */
    HEARTBEAT(0x0103, Direction.BOTH, Body.VERSIONED),
    /** Portal ends the session, for example because the agent was revoked. */
    CLOSE_NOTICE(0x0104, Direction.PORTAL_TO_AGENT, Body.VERSIONED),

    /** Agent asks for a client certificate with an enrollment token and a CSR. */
    ENROLL_REQUEST(0x0201, Direction.AGENT_TO_PORTAL, Body.FROZEN),
    /** Portal issues the client certificate chain and the agent id. */
    ENROLL_ACCEPTED(0x0202, Direction.PORTAL_TO_AGENT, Body.FROZEN),

    /** Portal sets the complete list of services the agent supervises. */
    ASSIGNMENTS(0x0301, Direction.PORTAL_TO_AGENT, Body.VERSIONED),
    /** Agent reports whether each assigned service and process is protected. */
    ASSIGNMENT_STATUS(0x0302, Direction.AGENT_TO_PORTAL, Body.VERSIONED),

    /** Aggregated observations, with a sequence number. */
    OBSERVATION_BATCH(0x0401, Direction.AGENT_TO_PORTAL, Body.VERSIONED),
    /** One manifest violation, with a sequence number. */
    VIOLATION(0x0402, Direction.AGENT_TO_PORTAL, Body.VERSIONED),
    /** What the agent dropped or bpftrace lost, with a sequence number. */
    DROP_REPORT(0x0403, Direction.AGENT_TO_PORTAL, Body.VERSIONED),
    /** Portal acknowledges stored sequence numbers and request ids. */
    ACK(0x0404, Direction.PORTAL_TO_AGENT, Body.VERSIONED),

    /** A typed error answering one frame. */
    ERROR(0x7F01, Direction.BOTH, Body.FROZEN);

    /** Who may send a message type; handlers answer a wrong-direction frame with {@link ErrorCode#UNEXPECTED_MESSAGE}. */
    public enum Direction { AGENT_TO_PORTAL, PORTAL_TO_AGENT, BOTH }

    /** Whether a type's body layout is the same in every protocol version (see {@link #stableAcrossVersions()}). */
    public enum Body { FROZEN, VERSIONED }

    private static final WireIds<MessageType> IDS = WireIds.index(values(), MessageType::id, 0xFFFF);

    private final int id;
    private final Direction direction;
    private final Body body;

    MessageType(int id, Direction direction, Body body) {
        this.id = id;
        this.direction = direction;
        this.body = body;
    }

    /** The wire id, an unsigned 16-bit value. */
    public int id() {
        return id;
    }

    public Direction direction() {
        return direction;
    }

    /**
     * Whether this type's body is the same in every protocol version, so it is decoded whatever version its
     * header declares: the messages exchanged before a version is negotiated (enrollment, Hello, HelloAck) and
     * Error. Such a body never changes; a new need gets a new type id.
     */
    public boolean stableAcrossVersions() {
        return body == Body.FROZEN;
    }

    /** The type with wire id {@code id}, or empty if this version of the protocol does not know it. */
    public static Optional<MessageType> byId(int id) {
        return IDS.find(id);
    }

    /** {@code 0x0101}: the id as four hex digits, as written in the spec. */
    public String hexId() {
        return String.format("0x%04X", id);
    }
}
