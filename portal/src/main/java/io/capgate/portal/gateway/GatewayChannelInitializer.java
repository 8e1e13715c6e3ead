package io.capgate.portal.gateway;

import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.MessageEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Every agent connection's pipeline, top to bottom:
 *
 * <pre>
 * tls              TLS 1.3; a client certificate is optional (enrollment has none) but must chain to the CA
 * frame-decoder    length-prefixed frames, at most Framing.MAX_FRAME_BYTES (TooLongFrameException at once)
 * frame-prepender  adds the length prefix to what the encoder writes
 * message-decoder  frame to AgentMessage (ProtocolDecodeException carries the typed error to answer)
 * message-encoder  AgentMessage to frame, in the session's negotiated version
 * idle             READER_IDLE after the read idle timeout without a frame
 * session          routes each message to its handler (SessionHandler)
 * guard            decode errors, oversize frames, TLS failures and idleness become replies and closes
 * </pre>
 */
final class GatewayChannelInitializer extends ChannelInitializer<SocketChannel> {

  static final String MESSAGE_ENCODER = "message-encoder";
  private static final LengthFieldPrepender FRAME_PREPENDER = Framing.newFramePrepender();
  private static final MessageDecoder MESSAGE_DECODER = new MessageDecoder();

  private final SslContext tls;
  private final Duration readIdleTimeout;
  private final Executor databasePool;
  private final SessionHandler.Handlers handlers;
  private final ConnectionGuard guard;

  GatewayChannelInitializer(SslContext tls, Duration readIdleTimeout, Executor databasePool,
      SessionHandler.Handlers handlers, ConnectionGuard guard) {
    this.tls = tls;
    this.readIdleTimeout = readIdleTimeout;
    this.databasePool = databasePool;
    this.handlers = handlers;
    this.guard = guard;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    var connection = new Connection(channel, databasePool);
    channel.attr(Connection.KEY).set(connection);
    channel.pipeline()
        .addLast("tls", tls.newHandler(channel.alloc()))
        .addLast("frame-decoder", Framing.newFrameDecoder())
        .addLast("frame-prepender", FRAME_PREPENDER)
        .addLast("message-decoder", MESSAGE_DECODER)
        .addLast(MESSAGE_ENCODER, new MessageEncoder())
        .addLast("idle", new IdleStateHandler(readIdleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
        .addLast("session", new SessionHandler(connection, handlers))
        .addLast("guard", guard);
  }
}
