package io.capgate.portal.gateway;

import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Hello;
import io.capgate.model.protocol.HelloAck;
import io.capgate.model.protocol.ProtocolVersion;
import io.capgate.portal.agents.AgentEnrollment;
import io.capgate.portal.agents.AgentIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HELLO on a connection with a client certificate: the agent id must be the certificate's, a version must be
 * common, and the database must know the certificate as the agent's current, unrevoked one (checked on every
 * connection). Then the session opens with HELLO_ACK, the sink hears of it, and the agent gets its complete
 * ASSIGNMENTS.
 */
final class HelloHandler {

  private static final Logger log = LoggerFactory.getLogger(HelloHandler.class);

  private final AgentEnrollment agents;
  private final AgentMessageSink sink;
  private final LiveSessions sessions;
  private final Clock clock;
  private final Duration heartbeatInterval;
  private final RateLimitedLog refusals;
  private final AssignmentPusher assignments;

  HelloHandler(AgentEnrollment agents, AgentMessageSink sink, LiveSessions sessions, Clock clock,
      Duration heartbeatInterval, RateLimitedLog refusals, AssignmentPusher assignments) {
    this.assignments = assignments;
    this.agents = agents;
    this.sink = sink;
    this.sessions = sessions;
    this.clock = clock;
    this.heartbeatInterval = heartbeatInterval;
    this.refusals = refusals;
  }

  /** The database's verdict on the certificate, and where the agent should resume. */
  private record Opened(AgentIdentity agent, long lastStoredSequence) {}

  /** Thrown on a database thread when the certificate is not (or no longer) acceptable. */
  private static final class Refused extends RuntimeException {
    Refused() {
      super(null, null, false, false);
    }
  }

  void handle(Connection connection, Hello hello) {
    if (connection.state() != Connection.State.NEW) {
      connection.replyError(new ErrorReply(hello.requestId(), ErrorCode.UNEXPECTED_MESSAGE,
          "HELLO was already received on this connection"));
      return;
    }
    PeerCertificate peer = connection.peer().orElseThrow();
    if (!hello.agentId().equals(peer.agentId())) {
      refuse(connection, new ErrorReply(hello.requestId(), ErrorCode.UNAUTHORIZED,
          "the agent id in HELLO is not the one in the client certificate"));
      return;
    }
    OptionalInt version = ProtocolVersion.negotiate(hello.minVersion(), hello.maxVersion());
    if (version.isEmpty()) {
      refuse(connection, new ErrorReply(hello.requestId(), ErrorCode.UNSUPPORTED_VERSION,
          "the portal speaks protocol versions " + ProtocolVersion.MIN_SUPPORTED + " to "
              + ProtocolVersion.MAX_SUPPORTED + ", the agent offered " + hello.minVersion() + " to "
              + hello.maxVersion()));
      return;
    }
    connection.state(Connection.State.HELLO_PENDING);
    connection.callDatabase(() -> check(peer, hello),
        opened -> open(connection, hello, version.getAsInt(), opened),
        failure -> refuse(connection, errorFor(hello.requestId(), failure)));
  }

  private Opened check(PeerCertificate peer, Hello hello) {
    AgentIdentity agent = agents.authenticate(peer.agentId(), peer.serialHex()).orElseThrow(Refused::new);
    agents.recordHello(agent.agentId(), hello.agentVersion(), hello.host());
    return new Opened(agent, sink.lastStoredSequence(agent));
  }

  private void open(Connection connection, Hello hello, int version, Opened opened) {
    if (connection.state() != Connection.State.HELLO_PENDING || !connection.channel().isActive()) {
      return;
    }
    connection.open(opened.agent(), version);
    connection.reply(new HelloAck(hello.requestId(), version, heartbeatInterval, clock.millis(),
        opened.lastStoredSequence()));
    sessions.register(connection);
    log.debug("Agent {} opened a session (protocol {}) from {}", opened.agent().agentId(), version,
        connection.remoteAddress());
    if (!connection.submit(() -> sink.sessionOpened(connection))) {
      log.warn("The gateway's database pool is full: the sink does not hear that agent {} connected",
          opened.agent().agentId());
    }
    assignments.schedule(connection);
  }

  private void refuse(Connection connection, ErrorReply error) {
    refusals.warn(connection.remoteAddress(), "HELLO refused, {}: {}", error.code(), error.message());
    connection.replyAndClose(error);
  }

  private static ErrorReply errorFor(long requestId, Throwable failure) {
    return switch (failure) {
      case Refused refused -> new ErrorReply(requestId, ErrorCode.UNAUTHORIZED,
          "the client certificate is revoked or not the agent's current one; enroll the agent again");
      case RejectedExecutionException busy -> new ErrorReply(requestId, ErrorCode.INTERNAL,
          "the portal is busy; retry later");
      default -> {
        log.error("Opening an agent session failed", failure);
        yield new ErrorReply(requestId, ErrorCode.INTERNAL, "the portal could not open the session; retry later");
      }
    };
  }
}
