package io.capgate.model.protocol;

/**
 * A frame whose header declares a protocol version this side does not speak. The header layout is the same in
 * every version, so the type id and request id are still known; answer with {@link #toErrorReply()}
 * ({@link ErrorCode#UNSUPPORTED_VERSION}) and close.
 */
public final class UnsupportedProtocolVersionException extends ProtocolDecodeException {

    private final int version;
    private final int typeId;

    UnsupportedProtocolVersionException(int version, int typeId, long requestId) {
        super(String.format("unsupported protocol version %d in a frame of type 0x%04X (request %s); "
                        + "this side speaks %d to %d", version, typeId, Long.toUnsignedString(requestId),
                ProtocolVersion.MIN_SUPPORTED, ProtocolVersion.MAX_SUPPORTED), requestId, null);
        this.version = version;
        this.typeId = typeId;
    }

    /** The version the frame declared. */
    public int version() {
        return version;
    }

    public int typeId() {
        return typeId;
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.UNSUPPORTED_VERSION;
    }
}
