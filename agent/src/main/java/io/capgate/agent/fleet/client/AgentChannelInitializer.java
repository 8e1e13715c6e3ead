package io.capgate.agent.fleet.client;

import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.MessageEncoder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agent's pipeline for every portal connection, top to bottom:
 *
 * <pre>
 * tls              TLS to host:port (SNI, host name checked); trusts only the pinned portal CA; the client
 *                  certificate from enrollment, none while enrolling
 * frame-decoder    length-prefixed frames of at most Framing.MAX_FRAME_BYTES
 * frame-prepender  the length prefix for what the encoder writes
 * message-decoder  frame to AgentMessage
 * message-encoder  AgentMessage to frame, in the negotiated version (replaced after HELLO_ACK if it differs)
 * idle             READER_IDLE after readIdle without a frame (close), WRITER_IDLE after writeIdle (HEARTBEAT)
 * session          the feature handler: SessionHandler, or EnrollmentHandler on the enrollment connection
 * </pre>
 */
public final class AgentChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String MESSAGE_ENCODER = "message-encoder";
    static final String IDLE = "idle";
    private static final LengthFieldPrepender FRAME_PREPENDER = Framing.newFramePrepender();
    private static final MessageDecoder MESSAGE_DECODER = new MessageDecoder();

    private final SslContext tls;
    private final String host;
    private final int port;
    private final Duration readIdle;
    private final Duration writeIdle;
    private final Supplier<? extends ChannelHandler> session;

    /**
     * @param writeIdle when to send a heartbeat; zero for none (enrollment)
     * @param session   makes the feature handler of each new connection
     */
    public AgentChannelInitializer(SslContext tls, String host, int port, Duration readIdle, Duration writeIdle,
                                   Supplier<? extends ChannelHandler> session) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.readIdle = readIdle;
        this.writeIdle = writeIdle;
        this.session = session;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("tls", tls.newHandler(channel.alloc(), host, port))
                .addLast("frame-decoder", Framing.newFrameDecoder())
                .addLast("frame-prepender", FRAME_PREPENDER)
                .addLast("message-decoder", MESSAGE_DECODER)
                .addLast(MESSAGE_ENCODER, new MessageEncoder())
                .addLast(IDLE, idleHandler(readIdle, writeIdle))
                .addLast("session", session.get());
    }

    static IdleStateHandler idleHandler(Duration readIdle, Duration writeIdle) {
        return new IdleStateHandler(readIdle.toMillis(), writeIdle.toMillis(), 0, TimeUnit.MILLISECONDS);
    }
}
