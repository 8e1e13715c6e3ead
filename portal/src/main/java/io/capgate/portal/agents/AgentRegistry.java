package io.capgate.portal.agents;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The enrolled agents of the caller's organization: list and read them (anyone who can read the project), and
 * revoke one (ORG_ADMIN or OPERATOR). Revocation publishes {@link AgentRevoked}, on which the gateway closes the
 * agent's live session at once; its certificate is refused from then on.
 */
@Service
public class AgentRegistry {

  /**
   * An agent heard from within this window is {@link AgentStatus#ONLINE}: the gateway's read idle timeout (30 s,
   * after which it closes a silent connection) plus the time it may hold heartbeats before writing them.
   */
  public static final Duration ONLINE_WINDOW = Duration.ofSeconds(45);

  private static final String COLUMNS = """
      id, organization_id, project_id, host_name, kernel, bpftrace_version, python_versions, agent_version,
      certificate_serial, certificate_sha256, certificate_not_after, enrolled_at, last_seen_at, revoked_at""";

  private final JdbcClient jdbc;
  private final Access access;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  AgentRegistry(JdbcClient jdbc, Access access, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.events = events;
    this.clock = clock;
  }

  /** The project's agents by host name; revoked ones included. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<Agent> list(long projectId) {
    access.projectRoles(projectId);
    Instant now = clock.instant();
    return jdbc.sql("select " + COLUMNS + " from agents where project_id = ? order by host_name, id")
        .param(projectId).query((rs, row) -> map(rs, now)).list();
  }

  /** One agent; not found when it belongs to another organization or a project the caller cannot read. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public Agent get(String agentId) {
    var agent = find(agentId);
    if (agent.organizationId() != access.currentUser().organizationId()
        || !access.canReadProject(agent.projectId())) {
      throw new NotFoundException("Agent " + agentId);
    }
    return agent;
  }

  /**
   * Revokes an agent: its live session is closed and its certificate refused from now on; to come back it must
   * enroll again with a new token. Revoking a revoked agent changes nothing.
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public Agent revoke(String agentId) {
    var before = get(agentId);
    access.requireOrganization(Role.ORG_ADMIN, Role.OPERATOR);
    if (before.revokedAt() != null) {
      return before;
    }
    var user = access.currentUser();
    jdbc.sql("update agents set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
        .params(Sql.at(clock.instant().truncatedTo(ChronoUnit.MICROS)), user.id(), agentId).update();
    var after = find(agentId);
    events.publishEvent(new AuditEvent(after.organizationId(), user.actor(),
        "agent.revoked", "agent", agentId, fields(before), fields(after)));
    events.publishEvent(new AgentRevoked(agentId, after.organizationId()));
    return after;
  }

  private Agent find(String agentId) {
    return jdbc.sql("select " + COLUMNS + " from agents where id = ?").param(agentId)
        .query((rs, row) -> map(rs, clock.instant())).optional()
        .orElseThrow(() -> new NotFoundException("Agent " + agentId));
  }

  private static Map<String, Object> fields(Agent agent) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("projectId", agent.projectId());
    fields.put("hostName", agent.hostName());
    fields.put("certificateSerial", agent.certificateSerial());
    fields.put("revokedAt", agent.revokedAt() == null ? null : agent.revokedAt().toString());
    return fields;
  }

  private static Agent map(ResultSet rs, Instant now) throws SQLException {
    Instant lastSeen = Sql.instant(rs, "last_seen_at");
    Instant revokedAt = Sql.instant(rs, "revoked_at");
    AgentStatus status = revokedAt != null ? AgentStatus.REVOKED
        : lastSeen != null && lastSeen.isAfter(now.minus(ONLINE_WINDOW)) ? AgentStatus.ONLINE
        : AgentStatus.OFFLINE;
    return new Agent(rs.getString("id"), rs.getLong("organization_id"), rs.getLong("project_id"),
        rs.getString("host_name"), rs.getString("kernel"), rs.getString("bpftrace_version"),
        strings(rs.getArray("python_versions")), rs.getString("agent_version"), rs.getString("certificate_serial"),
        rs.getString("certificate_sha256"), Sql.instant(rs, "certificate_not_after"), Sql.instant(rs, "enrolled_at"),
        lastSeen, revokedAt, status);
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }
}
