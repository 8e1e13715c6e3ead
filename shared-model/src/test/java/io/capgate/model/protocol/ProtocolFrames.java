package io.capgate.model.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Frames for codec tests, shipped in the test-jar: the protocol's pipeline on an {@link EmbeddedChannel}, encoding
 * a message to its exact wire bytes, and building raw (possibly hostile) frames by hand.
 */
public final class ProtocolFrames {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private ProtocolFrames() {
    }

    /** Framing, decoder and encoder in the order the initializers use, with Netty's default allocator. */
    public static EmbeddedChannel pipeline() {
        return pipeline(ByteBufAllocator.DEFAULT);
    }

    /** {@link #pipeline()} allocating from {@code allocator}. */
    public static EmbeddedChannel pipeline(ByteBufAllocator allocator) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(Framing.newFrameDecoder(), Framing.newFramePrepender(), new MessageDecoder(),
                new MessageEncoder());
        return channel;
    }

    /** Everything {@code channel} wrote since the last call, concatenated; the outbound buffers are released. */
    public static byte[] drainOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            try {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                out.writeBytes(bytes);
            } finally {
                buf.release();
            }
        }
        return out.toByteArray();
    }

    /** The wire bytes of {@code message}, length prefix included, as the pipeline writes them. */
    public static byte[] encode(AgentMessage message) {
        EmbeddedChannel channel = pipeline();
        try {
            channel.writeOutbound(message);
            return drainOutbound(channel);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** A length-prefixed frame with the given header and body, valid or not. */
    public static byte[] frame(int version, int typeId, long requestId, byte[] body) {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeInt(Framing.HEADER_BYTES + body.length);
            buf.writeByte(version);
            buf.writeShort(typeId);
            buf.writeLong(requestId);
            buf.writeBytes(body);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /** {@code frame} without its length prefix and header: the body. */
    public static byte[] body(byte[] frame) {
        return java.util.Arrays.copyOfRange(frame, Framing.LENGTH_FIELD_BYTES + Framing.HEADER_BYTES, frame.length);
    }

    /** {@code 00 00 00 13 01 ...}: upper-case hex bytes separated by spaces. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The bytes of {@link #hex}-style text; any whitespace separates bytes. */
    public static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }
}
