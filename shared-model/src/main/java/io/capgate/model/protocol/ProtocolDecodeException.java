package io.capgate.model.protocol;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * A frame {@link MessageDecoder} cannot turn into a message. It carries what the handler needs to answer with
 * {@link #toErrorReply()}: the frame's request id (0 if the header was unreadable) and the {@link ErrorCode}.
 * Handlers close the connection afterwards if the code is {@link ErrorCode#fatal()}, and log once, rate-limited.
 */
public abstract sealed class ProtocolDecodeException extends CorruptedFrameException
        permits MalformedFrameException, UnknownMessageTypeException, UnsupportedProtocolVersionException {

    private final long requestId;

    ProtocolDecodeException(String message, long requestId, Throwable cause) {
        super(message, cause);
        this.requestId = requestId;
    }

    /** The offending frame's request id, 0 if its header could not be read. */
    public long requestId() {
        return requestId;
    }

    /** The code to answer with. */
    public abstract ErrorCode errorCode();

    /** The error frame to send back. Messages name types and fields, never values, so they are safe to send. */
    public ErrorReply toErrorReply() {
        return ErrorReply.of(requestId, errorCode(), getMessage());
    }
}
