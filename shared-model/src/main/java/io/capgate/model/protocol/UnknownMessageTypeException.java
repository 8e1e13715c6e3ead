package io.capgate.model.protocol;

/**
 * A well-framed message whose type id this side does not know, for example from a newer peer. The session can go
 * on: answer with {@link #toErrorReply()} ({@link ErrorCode#UNSUPPORTED_TYPE}) and keep reading.
 */
public final class UnknownMessageTypeException extends ProtocolDecodeException {

    private final int typeId;

    UnknownMessageTypeException(int typeId, long requestId) {
        super(String.format("unknown message type 0x%04X (request %s)", typeId, Long.toUnsignedString(requestId)),
                requestId, null);
        this.typeId = typeId;
    }

    /** The unknown {@code u16} type id. */
    public int typeId() {
        return typeId;
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.UNSUPPORTED_TYPE;
    }
}
