package io.capgate.model.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;
import java.util.Optional;

/**
 * Turns one frame (header and body, length prefix already stripped by {@link Framing#newFrameDecoder()}) into an
 * {@link AgentMessage}. Stateless and {@link Sharable}; Netty releases the frame after {@link #decode}.
 *
 * <pre>
 * offset  size  field
 * 0       1     protocol version (u8)      must be supported (any but 0 for types stable across versions),
 *                                          else UnsupportedProtocolVersionException
 * 1       2     message type id (u16)      must be known, else UnknownMessageTypeException
 * 3       8     request id (u64)
 * 11      n     body                       read to its last byte, else MalformedFrameException
 * </pre>
 *
 * For example the 19 bytes {@code 01 01 03 00 00 00 00 00 00 00 2A 00 00 01 9B 76 DA A8 00} decode to
 * {@code Heartbeat[requestId=42, sentAtMillis=1767225600000]}. Every failure is a {@link ProtocolDecodeException}
 * (a {@link io.netty.handler.codec.CorruptedFrameException}) that says which type and field was wrong and carries
 * the request id, so the handler can answer with {@link ProtocolDecodeException#toErrorReply()}.
 */
@Sharable
public final class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    public MessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(decode(frame));
    }

    /**
     * Decodes the readable bytes of {@code frame}, which must be exactly one frame without its length prefix.
     * Advances the reader index; does not release the buffer.
     *
     * @throws ProtocolDecodeException if the frame is not a valid message of a supported version
     */
    public static AgentMessage decode(ByteBuf frame) {
        if (frame.readableBytes() < Framing.HEADER_BYTES) {
            throw new MalformedFrameException("malformed frame: " + frame.readableBytes()
                    + " bytes, shorter than the " + Framing.HEADER_BYTES + "-byte header",
                    MalformedFrameException.NO_TYPE, 0, null);
        }
        int version = frame.readUnsignedByte();
        int typeId = frame.readUnsignedShort();
        long requestId = frame.readLong();
        Optional<MessageType> known = MessageType.byId(typeId);
        boolean stable = version > 0 && known.map(MessageType::stableAcrossVersions).orElse(false);
        if (!ProtocolVersion.isSupported(version) && !stable) {
            throw new UnsupportedProtocolVersionException(version, typeId, requestId);
        }
        MessageType type = known.orElseThrow(() -> new UnknownMessageTypeException(typeId, requestId));
        WireReader reader = new WireReader(frame, type, requestId);
        AgentMessage message;
        try {
            message = Bodies.read(type, requestId, reader);
        } catch (IllegalArgumentException e) {
            throw reader.invalid(e);
        }
        reader.expectEnd();
        return message;
    }
}
