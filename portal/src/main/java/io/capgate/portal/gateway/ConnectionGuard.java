package io.capgate.portal.gateway;

import io.capgate.model.protocol.CloseReason;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.MalformedFrameException;
import io.capgate.model.protocol.MessageType;
import io.capgate.model.protocol.ProtocolDecodeException;
import io.capgate.model.protocol.UnknownMessageTypeException;
import io.capgate.model.protocol.UnsupportedProtocolVersionException;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * The last handler of every pipeline: turns what went wrong into the protocol's answer. Undecodable frames get
 * the typed ERROR their exception names (closing if fatal), an oversize frame gets TOO_LARGE and a close, a
 * failed TLS handshake or a reset just closes, and a connection silent past the read idle timeout gets
 * CLOSE_NOTICE IDLE_TIMEOUT. Each is logged at most once per remote address per minute.
 */
@Sharable
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

  private final RateLimitedLog log;

  ConnectionGuard(RateLimitedLog log) {
    this.log = log;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Connection connection = ctx.channel().attr(Connection.KEY).get();
    switch (cause) {
      case ProtocolDecodeException e -> undecodable(ctx, connection, e);
      case TooLongFrameException e -> {
        log.warn(ctx.channel().remoteAddress(), "frame over {} bytes", Framing.MAX_FRAME_BYTES);
        connection.replyAndClose(new ErrorReply(0, ErrorCode.TOO_LARGE,
            "the frame is longer than " + Framing.MAX_FRAME_BYTES + " bytes"));
      }
      case DecoderException e when e.getCause() instanceof SSLException tls -> tlsFailed(ctx, tls);
      case SSLException tls -> tlsFailed(ctx, tls);
      case IOException e -> ctx.close();
      default -> {
        log.warn(ctx.channel().remoteAddress(), "closing after an unexpected failure: {}", cause.toString());
        ctx.close();
      }
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      Connection connection = ctx.channel().attr(Connection.KEY).get();
      if (connection.state() == Connection.State.OPEN) {
        connection.close(CloseReason.IDLE_TIMEOUT, "nothing received within the read idle timeout");
      } else {
        ctx.close();
      }
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  private void undecodable(ChannelHandlerContext ctx, Connection connection, ProtocolDecodeException e) {
    log.warn(ctx.channel().remoteAddress(), "undecodable frame: {}", e.getMessage());
    boolean aboutAnError = switch (e) {
      case MalformedFrameException malformed -> malformed.typeId() == MessageType.ERROR.id();
      case UnsupportedProtocolVersionException version -> version.typeId() == MessageType.ERROR.id();
      case UnknownMessageTypeException unknown -> false;
    };
    if (!aboutAnError) {
      connection.replyError(e.toErrorReply());
    } else if (e.errorCode().fatal()) {
      // Never answer an error with an error.
      ctx.close();
    }
  }

  private void tlsFailed(ChannelHandlerContext ctx, SSLException cause) {
    log.warn(ctx.channel().remoteAddress(), "TLS failed: {}", cause.getMessage());
    ctx.close();
  }
}
