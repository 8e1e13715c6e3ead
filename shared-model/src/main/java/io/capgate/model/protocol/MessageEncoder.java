package io.capgate.model.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes an {@link AgentMessage} as header and body; {@link Framing#newFramePrepender()} adds the length prefix.
 * Stateless and {@link Sharable}.
 *
 * <pre>
 * protocol version (u8) | message type id (u16) | request id (u64) | body (see each message's Javadoc)
 * </pre>
 *
 * For example {@code new Heartbeat(42, 1767225600000L)} becomes
 * {@code 01 01 03 00 00 00 00 00 00 00 2A 00 00 01 9B 76 DA A8 00}. A message whose frame would exceed
 * {@link Framing#MAX_FRAME_BYTES} fails with an {@link EncoderException} instead of being sent and rejected by
 * the peer; agents size their batches with {@link #frameLength(AgentMessage)}.
 */
@Sharable
public final class MessageEncoder extends MessageToByteEncoder<AgentMessage> {

    private final int version;

    /** Writes {@link ProtocolVersion#CURRENT}. */
    public MessageEncoder() {
        this(ProtocolVersion.CURRENT);
    }

    /** Writes {@code version}, the one negotiated in the session's {@link HelloAck}. */
    public MessageEncoder(int version) {
        // Heap buffers: a frame is many small string writes, each dearer into direct memory (measured on the
        // agent's observation batches); TLS copies the frame out either way.
        super(AgentMessage.class, false);
        if (!ProtocolVersion.isSupported(version)) {
            throw new IllegalArgumentException("cannot encode protocol version " + version + "; supported are "
                    + ProtocolVersion.MIN_SUPPORTED + " to " + ProtocolVersion.MAX_SUPPORTED);
        }
        this.version = version;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AgentMessage message, ByteBuf out) {
        int start = out.writerIndex();
        write(message, version, out);
        int length = out.writerIndex() - start;
        if (length > Framing.MAX_FRAME_BYTES) {
            throw new EncoderException(message.type() + " frame (request " + Long.toUnsignedString(message.requestId())
                    + ") is " + length + " bytes, over the limit of " + Framing.MAX_FRAME_BYTES
                    + "; split it into smaller messages");
        }
    }

    /** The frame length (header plus body, without the length prefix) {@code message} encodes to. */
    public static int frameLength(AgentMessage message) {
        ByteBuf buf = Unpooled.buffer();
        try {
            write(message, ProtocolVersion.CURRENT, buf);
            return buf.readableBytes();
        } finally {
            buf.release();
        }
    }

    /**
     * The frame of {@code message} (header and body, without the length prefix) in {@link ProtocolVersion#CURRENT},
     * as bytes: what an agent keeps in its spool.
     *
     * @throws EncoderException when the frame exceeds {@link Framing#MAX_FRAME_BYTES}, as the encoder would
     */
    public static byte[] frameBytes(AgentMessage message) {
        ByteBuf buf = Unpooled.buffer(1024);
        try {
            write(message, ProtocolVersion.CURRENT, buf);
            if (buf.readableBytes() > Framing.MAX_FRAME_BYTES) {
                throw new EncoderException(message.type() + " frame is " + buf.readableBytes()
                        + " bytes, over the limit of " + Framing.MAX_FRAME_BYTES + "; split it into smaller messages");
            }
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    static void write(AgentMessage message, int version, ByteBuf out) {
        out.writeByte(version);
        out.writeShort(message.type().id());
        out.writeLong(message.requestId());
        Bodies.write(new WireWriter(out), message);
    }
}
