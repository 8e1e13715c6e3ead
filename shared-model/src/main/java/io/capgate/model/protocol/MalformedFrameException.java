package io.capgate.model.protocol;

/**
 * A frame too short for its header, or a body that is truncated, has trailing bytes, an over-limit length, bad
 * UTF-8, an unknown enum id, or values a message constructor rejects. The message names the type and field.
 */
public final class MalformedFrameException extends ProtocolDecodeException {

    /** {@link #typeId()} when the header itself was unreadable. */
    public static final int NO_TYPE = -1;

    private final int typeId;

    MalformedFrameException(String message, int typeId, long requestId, Throwable cause) {
        super(message, requestId, cause);
        this.typeId = typeId;
    }

    /** The frame's type id, or {@link #NO_TYPE}. */
    public int typeId() {
        return typeId;
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.MALFORMED_FRAME;
    }
}
