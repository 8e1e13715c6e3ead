package io.capgate.model.protocol;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;

/**
 * The length-prefixed framing under every message, and the constants of the frame header.
 *
 * <pre>
 * +----------------+------------+-------------+-----------------+-------------------+
 * | length: u32    | version: u8| type: u16   | request id: u64 | body              |
 * | (not counted)  |            |             |                 | (type-specific)   |
 * +----------------+------------+-------------+-----------------+-------------------+
 *                   \__________________ length bytes, at most MAX_FRAME_BYTES ______/
 * </pre>
 *
 * All integers are big-endian. {@link #newFrameDecoder()} strips the length field, so {@link MessageDecoder}
 * sees header and body; {@link #newFramePrepender()} adds it to what {@link MessageEncoder} writes. A Heartbeat
 * with request id 42 sent at {@code 1767225600000} (2026-01-01T00:00:00Z) travels as 23 bytes:
 *
 * <pre>
 * 00 00 00 13                 length 19 = 11 header + 8 body
 * 01                          protocol version 1
 * 01 03                       type 0x0103 HEARTBEAT
 * 00 00 00 00 00 00 00 2A     request id 42
 * 00 00 01 9B 76 DA A8 00     sentAtMillis
 * </pre>
 *
 * <p>Initializers add, in this order after TLS: {@code newFrameDecoder()}, {@code newFramePrepender()},
 * {@code new MessageDecoder()}, {@code new MessageEncoder()}, then the idle handler and feature handlers.
 */
public final class Framing {

    /** Width of the length prefix. */
    public static final int LENGTH_FIELD_BYTES = 4;
    /** The frame decoder hands on frames without the length prefix. */
    public static final int INITIAL_BYTES_TO_STRIP = LENGTH_FIELD_BYTES;
    /** The largest length value (header plus body) either side sends or accepts: 1 MiB. */
    public static final int MAX_FRAME_BYTES = 1 << 20;
    /** Version (1) + type id (2) + request id (8). */
    public static final int HEADER_BYTES = 1 + 2 + 8;

    private Framing() {
    }

    /**
     * A new (stateful, one per channel) decoder that cuts the stream into frames and fails fast with
     * {@link io.netty.handler.codec.TooLongFrameException} as soon as a length over {@link #MAX_FRAME_BYTES}
     * is read, without buffering the oversize frame.
     */
    public static LengthFieldBasedFrameDecoder newFrameDecoder() {
        // Netty's maximum counts the length field too.
        return new LengthFieldBasedFrameDecoder(MAX_FRAME_BYTES + LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES, 0,
                INITIAL_BYTES_TO_STRIP, true);
    }

    /** A new (sharable) encoder that writes the length prefix in front of each encoded message. */
    public static LengthFieldPrepender newFramePrepender() {
        return new LengthFieldPrepender(LENGTH_FIELD_BYTES);
    }
}
