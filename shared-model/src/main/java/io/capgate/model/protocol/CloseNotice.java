package io.capgate.model.protocol;

/**
 * The portal's last frame before it closes the connection.
 *
 * <p>Wire: {@code u8 reason, string message}.
 *
 * @param requestId a fresh id from the portal
 * @param reason    why; {@link CloseReason#mayReconnect()} tells the agent whether to come back
 * @param message   a short explanation for the agent's log, possibly empty
 */
public record CloseNotice(long requestId, CloseReason reason, String message) implements AgentMessage {

    public CloseNotice {
        Checks.notNull(reason, "reason");
        Checks.text(message, "message", Limits.MAX_TEXT_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.CLOSE_NOTICE;
    }
}
