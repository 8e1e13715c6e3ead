package io.capgate.model.protocol;

/**
 * A typed error answering one frame, in either direction. If {@link ErrorCode#fatal()} the sender closes the
 * connection after writing it.
 *
 * <p>Wire: {@code u16 code, string message}.
 *
 * @param requestId the request id of the frame this answers, 0 if its header could not be read
 * @param code      what went wrong
 * @param message   a short explanation for logs, possibly empty; never echoes secrets or untrusted content
 */
public record ErrorReply(long requestId, ErrorCode code, String message) implements AgentMessage {

    public ErrorReply {
        Checks.notNull(code, "code");
        Checks.text(message, "message", Limits.MAX_TEXT_BYTES);
    }

    /** An ErrorReply whose message is {@link Limits#clip clipped} to fit, for messages built from exceptions. */
    public static ErrorReply of(long requestId, ErrorCode code, String message) {
        return new ErrorReply(requestId, code, Limits.clip(message, Limits.MAX_TEXT_BYTES));
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }
}
