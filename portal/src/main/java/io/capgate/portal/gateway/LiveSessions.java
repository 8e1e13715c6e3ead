package io.capgate.portal.gateway;

import io.capgate.model.protocol.CloseReason;
import io.capgate.portal.agents.AgentRevoked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The open sessions, one per agent: a newer session of an agent replaces the older one ({@code REPLACED}), and a
 * revoked agent's session is closed ({@code REVOKED}) as soon as the revocation commits.
 */
@Component
public class LiveSessions {

  /**
   * How long a revocation is remembered here: covers a HELLO that passed the database check just before the
   * revocation committed and registers its session just after the event.
   */
  private static final Duration REMEMBER_REVOKED = Duration.ofMinutes(10);
  private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

  private final ConcurrentHashMap<String, Connection> byAgent = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Instant> recentlyRevoked = new ConcurrentHashMap<>();
  private final Clock clock;

  LiveSessions(Clock clock) {
    this.clock = clock;
  }

  /** The agent's open session, for pushing ASSIGNMENTS. */
  public Optional<AgentSession> find(String agentId) {
    return Optional.ofNullable(byAgent.get(agentId)).filter(Connection::isOpen).map(AgentSession.class::cast);
  }

  /** The agent's open connection, for work on its serial queue. */
  Optional<Connection> connection(String agentId) {
    return Optional.ofNullable(byAgent.get(agentId)).filter(Connection::isOpen);
  }

  /** Every open session. */
  public List<AgentSession> all() {
    return byAgent.values().stream().filter(Connection::isOpen).map(AgentSession.class::cast).toList();
  }

  /** Closes the agent's live session when its revocation has committed; its certificate is refused from now on. */
  @TransactionalEventListener(fallbackExecution = true)
  void on(AgentRevoked revoked) {
    Instant now = clock.instant();
    recentlyRevoked.entrySet().removeIf(e -> e.getValue().isBefore(now.minus(REMEMBER_REVOKED)));
    recentlyRevoked.put(revoked.agentId(), now);
    Connection connection = byAgent.remove(revoked.agentId());
    if (connection != null) {
      log.info("Closing the session of revoked agent {}", revoked.agentId());
      connection.close(CloseReason.REVOKED, "the agent was revoked; enroll it again to reconnect");
    }
  }

  void register(Connection connection) {
    Connection previous = byAgent.put(connection.agentId(), connection);
    if (previous != null && previous != connection) {
      previous.close(CloseReason.REPLACED, "a newer session of this agent connected");
    }
    if (recentlyRevoked.containsKey(connection.agentId())) {
      byAgent.remove(connection.agentId(), connection);
      connection.close(CloseReason.REVOKED, "the agent was revoked; enroll it again to reconnect");
    }
  }

  void remove(Connection connection) {
    if (connection.hasSession()) {
      byAgent.remove(connection.agentId(), connection);
    }
  }

  void closeAll(CloseReason reason, String message) {
    byAgent.values().forEach(connection -> connection.close(reason, message));
    byAgent.clear();
  }
}
