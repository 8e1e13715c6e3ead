package io.capgate.portal.agents;

import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.portal.manifests.ManifestActivated;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The side of assignments the gateway calls for an agent authenticated by TLS, not a person (so no
 * {@code @PreAuthorize}): what the agent must supervise ({@link #current}) and what it reports back
 * ({@link #recordStatus}). Also bumps the assignments of every agent supervising a service when a new manifest
 * version of it is activated. Methods block on the database: never call them on a Netty event loop.
 */
@Service
public class AssignmentDistribution {

  /** What became of one ASSIGNMENT_STATUS frame. */
  public record StatusOutcome(int servicesStored, List<String> ignoredServiceIds) {

    public StatusOutcome {
      ignoredServiceIds = List.copyOf(ignoredServiceIds);
    }
  }

  private final AssignmentStore store;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  AssignmentDistribution(AssignmentStore store, ApplicationEventPublisher events, Clock clock) {
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  /** The agent's complete assignments now, in one consistent read. */
  @Transactional(readOnly = true)
  public AssignmentSet current(String agentId) {
    return new AssignmentSet(agentId, store.revision(agentId), store.entries(agentId));
  }

  /**
   * Stores an ASSIGNMENT_STATUS: for each service it mentions that is assigned to the agent now, its reports
   * replace the ones stored. Services the agent no longer has (a report that crossed an unassign) or ids that
   * are no service of the portal are ignored and returned, not stored.
   *
   * @param revision the assignments revision the agent reports for
   */
  @Transactional
  public StatusOutcome recordStatus(String agentId, long revision, List<ProtectionStatus> statuses) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    var assigned = new HashSet<>(store.assignedServiceIds(agentId));
    Map<Long, List<ProcessProtection>> byService = new LinkedHashMap<>();
    var ignored = new ArrayList<String>();
    for (var status : statuses) {
      Long serviceId = parseId(status.serviceId());
      if (serviceId == null || !assigned.contains(serviceId)) {
        if (!ignored.contains(status.serviceId())) {
          ignored.add(status.serviceId());
        }
        continue;
      }
      // A pid reported twice in one frame: the later entry wins, as it would in a later frame.
      var rows = byService.computeIfAbsent(serviceId, id -> new ArrayList<>());
      rows.removeIf(row -> row.pid() == status.pid());
      rows.add(new ProcessProtection(status.pid(), status.state(), status.reason(), status.detail(), now));
    }
    byService.forEach((serviceId, rows) -> store.replaceStatuses(agentId, serviceId, rows, revision));
    return new StatusOutcome(byService.size(), ignored);
  }

  /**
   * A new version of a service became active: every agent supervising it gets a new revision, pushed after the
   * activation commits. Runs inside the activating transaction.
   */
  @EventListener
  void on(ManifestActivated activated) {
    for (String agentId : store.agentsOf(activated.serviceId())) {
      events.publishEvent(new AgentAssignmentsChanged(agentId, store.bumpRevision(agentId)));
    }
  }

  private static Long parseId(String serviceId) {
    try {
      long id = Long.parseLong(serviceId);
      return id > 0 ? id : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
