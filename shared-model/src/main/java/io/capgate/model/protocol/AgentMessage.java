package io.capgate.model.protocol;

/**
 * A message of the agent&lt;-&gt;portal protocol: one record per {@link MessageType}, each travelling as one frame
 * (see {@link Framing}). Handlers route with a pattern-matching {@code switch} over this sealed type.
 *
 * <p>Constructors validate everything, so a message that exists can always be encoded and never exceeds the
 * {@link Limits}; the decoder builds messages through the same constructors.
 */
public sealed interface AgentMessage
        permits Hello, HelloAck, Heartbeat, CloseNotice, EnrollRequest, EnrollAccepted, Assignments,
        AssignmentStatus, SequencedMessage, Ack, ErrorReply {

    /**
     * The frame header's request id, an unsigned 64-bit value compared only for equality. The sender picks a fresh
     * id (a per-connection counter starting at 1) for each frame it originates; a reply (HelloAck, EnrollAccepted,
     * the portal's Heartbeat, Error) carries the id of the frame it answers; 0 means "no frame" (an Error about an
     * unreadable header).
     */
    long requestId();

    /** This message's type, which fixes its wire id and body layout. */
    MessageType type();
}
