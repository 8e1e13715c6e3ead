package io.capgate.portal.gateway;

import io.capgate.model.protocol.Ack;
import io.capgate.model.protocol.AssignmentStatus;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.portal.agents.AssignmentDistribution;
import java.util.List;

/**
 * ASSIGNMENT_STATUS from an open session: stored through {@link AssignmentDistribution#recordStatus} on the
 * connection's database queue and acknowledged by request id. Reports about services the agent no longer has are
 * dropped (logged, rate-limited) but still acknowledged: the agent has nothing better to send.
 */
final class StatusHandler {

  private final AssignmentDistribution distribution;
  private final RateLimitedLog log;

  StatusHandler(AssignmentDistribution distribution, RateLimitedLog log) {
    this.distribution = distribution;
    this.log = log;
  }

  void handle(Connection connection, AssignmentStatus status) {
    boolean queued = connection.submit(() -> store(connection, status));
    if (!queued) {
      connection.reply(new ErrorReply(status.requestId(), ErrorCode.INTERNAL, "the portal is busy; retry later"));
    }
  }

  private void store(Connection connection, AssignmentStatus status) {
    try {
      var outcome = distribution.recordStatus(connection.agentId(), status.revision(), status.statuses());
      if (!outcome.ignoredServiceIds().isEmpty()) {
        log.warn(connection.remoteAddress(), "agent {} reported on services it is not assigned: {}",
            connection.agentId(), outcome.ignoredServiceIds());
      }
      connection.send(new Ack(connection.nextRequestId(), 0, List.of(status.requestId())));
    } catch (RuntimeException e) {
      log.warn(connection.remoteAddress(), "storing ASSIGNMENT_STATUS failed: {}", e.toString());
      connection.send(new ErrorReply(status.requestId(), ErrorCode.INTERNAL,
          "the portal could not store ASSIGNMENT_STATUS; send it again"));
    }
  }
}
