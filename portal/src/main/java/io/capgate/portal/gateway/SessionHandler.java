package io.capgate.portal.gateway;

import io.capgate.model.protocol.Ack;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.AssignmentStatus;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.CloseNotice;
import io.capgate.model.protocol.EnrollAccepted;
import io.capgate.model.protocol.EnrollRequest;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Heartbeat;
import io.capgate.model.protocol.Hello;
import io.capgate.model.protocol.HelloAck;
import io.capgate.model.protocol.SequencedMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Clock;

/**
 * Routes each decoded message of one connection to its handler. A connection without a client certificate may
 * only enroll; one with a certificate must say HELLO first, then heartbeats are answered here, streaming data goes
 * to the {@link AgentMessageSink} and assignment statuses to the {@link StatusHandler}, in order, on the database
 * pool.
 */
final class SessionHandler extends SimpleChannelInboundHandler<AgentMessage> {

  /** What a session handler needs; one instance shared by all connections. */
  record Handlers(EnrollmentHandler enrollment, HelloHandler hello, AgentMessageSink sink, StatusHandler statuses,
      LiveSessions sessions, LastSeenRecorder lastSeen, Clock clock, RateLimitedLog log) {}

  private final Connection connection;
  private final Handlers handlers;

  SessionHandler(Connection connection, Handlers handlers) {
    super(AgentMessage.class);
    this.connection = connection;
    this.handlers = handlers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, AgentMessage message) {
    if (connection.state() == Connection.State.CLOSING) {
      return;
    }
    if (connection.peer().isEmpty()) {
      enrollmentOnly(message);
      return;
    }
    switch (message) {
      case Hello hello -> handlers.hello().handle(connection, hello);
      case Heartbeat heartbeat -> whenOpen(message, () -> heartbeat(heartbeat));
      case SequencedMessage data -> whenOpen(message, () -> toSink(data));
      case AssignmentStatus status -> whenOpen(message, () -> handlers.statuses().handle(connection, status));
      case ErrorReply error -> agentError(error);
      case EnrollRequest request -> unexpected(request, "ENROLL_REQUEST needs a connection without a certificate");
      case HelloAck wrong -> wrongDirection(wrong);
      case CloseNotice wrong -> wrongDirection(wrong);
      case EnrollAccepted wrong -> wrongDirection(wrong);
      case Assignments wrong -> wrongDirection(wrong);
      case Ack wrong -> wrongDirection(wrong);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (connection.hasSession()) {
      handlers.sessions().remove(connection);
      handlers.lastSeen().seen(connection.agentId());
      connection.submit(() -> handlers.sink().sessionClosed(connection));
    }
    super.channelInactive(ctx);
  }

  /** Without a certificate the only business is one ENROLL_REQUEST. */
  private void enrollmentOnly(AgentMessage message) {
    switch (message) {
      case EnrollRequest request when connection.state() == Connection.State.NEW ->
          handlers.enrollment().handle(connection, request);
      case ErrorReply error -> {
        agentError(error);
        connection.channel().close();
      }
      default -> {
        handlers.log().warn(connection.remoteAddress(), "{} without a client certificate", message.type());
        connection.replyAndClose(new ErrorReply(message.requestId(), ErrorCode.UNAUTHORIZED,
            "this connection has no client certificate: only one ENROLL_REQUEST is accepted"));
      }
    }
  }

  private void whenOpen(AgentMessage message, Runnable action) {
    if (connection.state() == Connection.State.OPEN) {
      action.run();
    } else {
      unexpected(message, "the session is not open: send HELLO and wait for HELLO_ACK");
    }
  }

  private void heartbeat(Heartbeat heartbeat) {
    connection.reply(new Heartbeat(heartbeat.requestId(), handlers.clock().millis()));
    handlers.lastSeen().seen(connection.agentId());
  }

  private void toSink(SequencedMessage message) {
    boolean queued = connection.submit(() -> {
      try {
        handlers.sink().accept(connection, message);
      } catch (RuntimeException e) {
        handlers.log().warn(connection.remoteAddress(), "storing {} failed: {}", message.type(), e.toString());
        connection.send(new ErrorReply(message.requestId(), ErrorCode.INTERNAL,
            "the portal could not store " + message.type() + "; it will be replayed"));
      }
    });
    if (!queued) {
      connection.reply(new ErrorReply(message.requestId(), ErrorCode.INTERNAL, "the portal is busy; retry later"));
    }
  }

  /** Never answer an error with an error: log it, and close if the agent says it is closing. */
  private void agentError(ErrorReply error) {
    handlers.log().warn(connection.remoteAddress(), "the agent reported {}: {}", error.code(), error.message());
    if (error.code().fatal()) {
      connection.state(Connection.State.CLOSING);
      connection.channel().close();
    }
  }

  private void wrongDirection(AgentMessage message) {
    unexpected(message, message.type() + " is sent by the portal, not by agents");
  }

  private void unexpected(AgentMessage message, String why) {
    connection.replyError(new ErrorReply(message.requestId(), ErrorCode.UNEXPECTED_MESSAGE, why));
  }
}
