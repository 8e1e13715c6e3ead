package io.capgate.portal.gateway;

import io.capgate.portal.agents.AgentEnrollment;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects when agents were last heard from and writes the times in one statement per flush, instead of a
 * database write per heartbeat: a thousand agents beating every 10 s would otherwise be a hundred writes a second.
 */
final class LastSeenRecorder {

  private static final Logger log = LoggerFactory.getLogger(LastSeenRecorder.class);

  private final AgentEnrollment agents;
  private final Clock clock;
  private final ConcurrentHashMap<String, Instant> pending = new ConcurrentHashMap<>();

  LastSeenRecorder(AgentEnrollment agents, Clock clock) {
    this.agents = agents;
    this.clock = clock;
  }

  /** Notes that the agent was heard from now; cheap, safe on an event loop. */
  void seen(String agentId) {
    pending.put(agentId, clock.instant());
  }

  /** Writes what was collected; blocks on the database. */
  void flush() {
    var batch = new HashMap<String, Instant>();
    pending.forEach((agentId, seen) -> {
      if (pending.remove(agentId, seen)) {
        batch.put(agentId, seen);
      }
    });
    if (batch.isEmpty()) {
      return;
    }
    try {
      agents.recordLastSeen(batch);
    } catch (RuntimeException e) {
      // The next heartbeats bring newer times; losing these only makes an agent look offline a little early.
      log.warn("Could not record when {} agents were last seen: {}", batch.size(), e.toString());
    }
  }
}
