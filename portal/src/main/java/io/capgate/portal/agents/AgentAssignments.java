package io.capgate.portal.agents;

import io.capgate.model.protocol.ServiceMode;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which services of its project an agent supervises, and in which mode. An ORG_ADMIN or OPERATOR of the
 * organization, or a PROJECT_OWNER of the agent's project, assigns a service, changes its mode and unassigns it;
 * anyone who can read the project reads assignments with the agent's latest protection reports.
 *
 * <p>An enforcing mode ({@link ServiceMode#ALERT}, {@link ServiceMode#STOP}, {@link ServiceMode#KILL}) needs the
 * service to have an ACTIVE manifest version ({@link ConflictException} otherwise); {@link ServiceMode#OBSERVE}
 * works without one, which is how a service's first version is learnt. Every change bumps the agent's
 * assignments revision, is audited and publishes {@link AgentAssignmentsChanged}, on which the gateway pushes
 * the agent its complete assignments after the commit. Another organization's agent or service is
 * {@link NotFoundException}.
 */
@Service
public class AgentAssignments {

  private final AssignmentStore store;
  private final AgentRegistry registry;
  private final Access access;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  AgentAssignments(AssignmentStore store, AgentRegistry registry, Access access, ApplicationEventPublisher events,
      Clock clock) {
    this.store = store;
    this.registry = registry;
    this.access = access;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Assigns a service of the agent's project to the agent.
   *
   * @throws ConflictException when it is already assigned, the agent is revoked, or the mode enforces and the
   *     service has no ACTIVE manifest
   * @throws IllegalArgumentException when the service is in another project of the organization
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public AgentAssignment assign(String agentId, long serviceId, ServiceMode mode) {
    Objects.requireNonNull(mode, "mode");
    var agent = writableAgent(agentId);
    var service = serviceOf(agent, serviceId);
    if (store.find(agentId, serviceId).isPresent()) {
      throw new ConflictException(service.name() + " is already assigned to " + agent.hostName()
          + ": change its mode instead");
    }
    requireManifestFor(mode, service);
    store.insert(agentId, service, mode, access.currentUser().id(), now());
    var after = store.find(agentId, serviceId).orElseThrow();
    changed(agent, "agent_assignment.created", Map.of(), fields(after));
    return after;
  }

  /** Changes the mode of an assigned service; the same mode changes nothing. */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public AgentAssignment changeMode(String agentId, long serviceId, ServiceMode mode) {
    Objects.requireNonNull(mode, "mode");
    var agent = writableAgent(agentId);
    var service = serviceOf(agent, serviceId);
    var before = assigned(agent, service);
    if (before.mode() == mode) {
      return before;
    }
    requireManifestFor(mode, service);
    store.updateMode(agentId, serviceId, mode, access.currentUser().id(), now());
    var after = store.find(agentId, serviceId).orElseThrow();
    changed(agent, "agent_assignment.mode_changed", fields(before), fields(after));
    return after;
  }

  /** Releases the service: the agent stops supervising it, and its protection reports are forgotten. */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public void unassign(String agentId, long serviceId) {
    var agent = writableAgent(agentId);
    var service = serviceOf(agent, serviceId);
    var before = assigned(agent, service);
    store.delete(agentId, serviceId);
    changed(agent, "agent_assignment.removed", fields(before), Map.of());
  }

  /** The agent's assignments by service name, with its latest protection reports. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<AgentAssignment> forAgent(String agentId) {
    registry.get(agentId);
    return store.forAgent(agentId);
  }

  /** The agents supervising a service, by host name, with their latest protection reports. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<AgentAssignment> forService(long serviceId) {
    var service = store.service(serviceId).filter(this::readable)
        .orElseThrow(() -> new NotFoundException("Service " + serviceId));
    return store.forService(service.id());
  }

  /** An agent the caller may change assignments of: readable, a writer's role, not revoked. */
  private Agent writableAgent(String agentId) {
    access.requireProject(registry.get(agentId).projectId(), Role.ORG_ADMIN, Role.OPERATOR, Role.PROJECT_OWNER);
    // Two people assigning the same service at once: the second waits here, then finds it assigned; and a
    // revocation committed meanwhile is seen.
    store.lockAgent(agentId);
    var agent = registry.get(agentId);
    if (agent.revokedAt() != null) {
      throw new ConflictException("The agent on " + agent.hostName() + " is revoked: it supervises nothing");
    }
    return agent;
  }

  private AssignmentStore.ServiceRow serviceOf(Agent agent, long serviceId) {
    var service = store.service(serviceId).filter(this::readable)
        .orElseThrow(() -> new NotFoundException("Service " + serviceId));
    if (service.projectId() != agent.projectId()) {
      throw new IllegalArgumentException(service.name() + " is not in the project the agent on "
          + agent.hostName() + " was enrolled into");
    }
    return service;
  }

  private boolean readable(AssignmentStore.ServiceRow service) {
    return service.organizationId() == access.currentUser().organizationId()
        && access.canReadProject(service.projectId());
  }

  private AgentAssignment assigned(Agent agent, AssignmentStore.ServiceRow service) {
    return store.find(agent.id(), service.id()).orElseThrow(() -> new NotFoundException(
        "Assignment of " + service.name() + " to " + agent.hostName()));
  }

  private void requireManifestFor(ServiceMode mode, AssignmentStore.ServiceRow service) {
    if (mode != ServiceMode.OBSERVE && store.activeManifest(service.id()).isEmpty()) {
      throw new ConflictException(service.name() + " has no active manifest version, so " + mode
          + " has nothing to enforce: assign it in OBSERVE mode, build and approve a version, then switch");
    }
  }

  /** Bumps the revision, audits the change and tells the gateway to push. */
  private void changed(Agent agent, String action, Map<String, Object> before, Map<String, Object> after) {
    long revision = store.bumpRevision(agent.id());
    var user = access.currentUser();
    String id = agent.id() + "/" + (after.isEmpty() ? before : after).get("serviceId");
    events.publishEvent(new AuditEvent(agent.organizationId(), user.actor(), action, "agent_assignment", id,
        before, after));
    events.publishEvent(new AgentAssignmentsChanged(agent.id(), revision));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static Map<String, Object> fields(AgentAssignment assignment) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("agentId", assignment.agentId());
    fields.put("hostName", assignment.agentHostName());
    fields.put("serviceId", assignment.serviceId());
    fields.put("serviceName", assignment.serviceName());
    fields.put("mode", assignment.mode().name());
    fields.put("activeVersion", assignment.activeVersion());
    return fields;
  }
}
