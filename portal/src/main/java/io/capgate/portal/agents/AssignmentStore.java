package io.capgate.portal.agents;

import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.StatusReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of assignments and protection statuses (V8), with the service and manifest rows they refer to. */
@Repository
class AssignmentStore {

  /** A service as assignments need it; its organization through its project. */
  record ServiceRow(long id, long projectId, long organizationId, String name, String matchExecutable,
      String matchArguments, String systemdUnit) {}

  private static final String SELECT = """
      select a.agent_id, ag.host_name, a.service_id, s.name as service_name, a.project_id, a.mode,
             mv.version as active_version, ub.username as assigned_by, a.assigned_at, uc.username as changed_by,
             a.changed_at
      from agent_assignments a
      join agents ag on ag.id = a.agent_id
      join services s on s.id = a.service_id
      join users ub on ub.id = a.assigned_by
      join users uc on uc.id = a.changed_by
      left join manifest_versions mv on mv.service_id = a.service_id and mv.state = 'ACTIVE'
      """;

  private final JdbcClient jdbc;

  AssignmentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ServiceRow> service(long serviceId) {
    return jdbc.sql("""
        select s.id, s.project_id, p.organization_id, s.name, s.match_executable, s.match_arguments, s.systemd_unit
        from services s join projects p on p.id = s.project_id where s.id = ?""")
        .param(serviceId)
        .query((rs, row) -> new ServiceRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7)))
        .optional();
  }

  /** The id and number of the service's ACTIVE manifest version. */
  Optional<AssignmentSet.ActiveManifest> activeManifest(long serviceId) {
    return jdbc.sql("select id, version, canonical_json from manifest_versions where service_id = ? and state = 'ACTIVE'")
        .param(serviceId)
        .query((rs, row) -> new AssignmentSet.ActiveManifest(rs.getLong(1), rs.getInt(2), rs.getString(3)))
        .optional();
  }

  /** Locks the agent's row until commit: one change to its assignments at a time, checked then written. */
  void lockAgent(String agentId) {
    jdbc.sql("select id from agents where id = ? for update").param(agentId).query(String.class).optional();
  }

  /** Bumps the agent's assignments revision (locking its row until commit, which serializes its changes). */
  long bumpRevision(String agentId) {
    return jdbc.sql("update agents set assignments_revision = assignments_revision + 1 where id = ?"
            + " returning assignments_revision")
        .param(agentId).query(Long.class).single();
  }

  long revision(String agentId) {
    return jdbc.sql("select assignments_revision from agents where id = ?").param(agentId)
        .query(Long.class).optional().orElse(0L);
  }

  /** The agents supervising the service, locked for a revision bump. */
  List<String> agentsOf(long serviceId) {
    return jdbc.sql("select agent_id from agent_assignments where service_id = ? order by agent_id")
        .param(serviceId).query(String.class).list();
  }

  void insert(String agentId, ServiceRow service, ServiceMode mode, long userId, Instant at) {
    jdbc.sql("""
        insert into agent_assignments (agent_id, service_id, project_id, mode, assigned_by, assigned_at,
                                       changed_by, changed_at)
        values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(agentId, service.id(), service.projectId(), mode.name(), userId, Sql.at(at), userId, Sql.at(at))
        .update();
  }

  void updateMode(String agentId, long serviceId, ServiceMode mode, long userId, Instant at) {
    jdbc.sql("update agent_assignments set mode = ?, changed_by = ?, changed_at = ? where agent_id = ? and service_id = ?")
        .params(mode.name(), userId, Sql.at(at), agentId, serviceId).update();
  }

  /** Deletes the assignment; its protection statuses go with it (cascade). */
  void delete(String agentId, long serviceId) {
    jdbc.sql("delete from agent_assignments where agent_id = ? and service_id = ?").params(agentId, serviceId)
        .update();
  }

  Optional<AgentAssignment> find(String agentId, long serviceId) {
    return withProtection(jdbc.sql(SELECT + " where a.agent_id = ? and a.service_id = ?")
        .params(agentId, serviceId).query(AssignmentStore::map).list()).stream().findFirst();
  }

  List<AgentAssignment> forAgent(String agentId) {
    return withProtection(jdbc.sql(SELECT + " where a.agent_id = ? order by s.name, a.service_id")
        .param(agentId).query(AssignmentStore::map).list());
  }

  List<AgentAssignment> forService(long serviceId) {
    return withProtection(jdbc.sql(SELECT + " where a.service_id = ? order by ag.host_name, a.agent_id")
        .param(serviceId).query(AssignmentStore::map).list());
  }

  /** What the agent supervises, with the ACTIVE manifest's canonical form, by service id. */
  List<AssignmentSet.Entry> entries(String agentId) {
    return jdbc.sql("""
        select s.id, s.name, s.match_executable, s.match_arguments, s.systemd_unit, a.mode,
               mv.id as version_id, mv.version, mv.canonical_json
        from agent_assignments a
        join services s on s.id = a.service_id
        left join manifest_versions mv on mv.service_id = a.service_id and mv.state = 'ACTIVE'
        where a.agent_id = ? order by s.id""")
        .param(agentId)
        .query((rs, row) -> new AssignmentSet.Entry(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), ServiceMode.valueOf(rs.getString(6)),
            rs.getObject("version_id") == null ? Optional.empty()
                : Optional.of(new AssignmentSet.ActiveManifest(rs.getLong("version_id"), rs.getInt("version"),
                    rs.getString("canonical_json")))))
        .list();
  }

  /** The ids of the services assigned to the agent. */
  List<Long> assignedServiceIds(String agentId) {
    return jdbc.sql("select service_id from agent_assignments where agent_id = ?").param(agentId)
        .query(Long.class).list();
  }

  /** Replaces the statuses of one service of the agent with {@code rows}. */
  void replaceStatuses(String agentId, long serviceId, List<ProcessProtection> rows, long revision) {
    jdbc.sql("delete from protection_statuses where agent_id = ? and service_id = ?").params(agentId, serviceId)
        .update();
    for (var row : rows) {
      jdbc.sql("""
          insert into protection_statuses (agent_id, service_id, pid, state, reason, detail, revision, reported_at)
          values (?, ?, ?, ?, ?, ?, ?, ?)
          on conflict (agent_id, service_id, pid) do update set state = excluded.state, reason = excluded.reason,
              detail = excluded.detail, revision = excluded.revision, reported_at = excluded.reported_at""")
          .params(agentId, serviceId, row.pid(), row.state().name(), row.reason().name(), row.detail(), revision,
              Sql.at(row.reportedAt()))
          .update();
    }
  }

  private List<AgentAssignment> withProtection(List<AgentAssignment> assignments) {
    if (assignments.isEmpty()) {
      return assignments;
    }
    Map<String, List<ProcessProtection>> byKey = new LinkedHashMap<>();
    String[] agents = assignments.stream().map(AgentAssignment::agentId).distinct().toArray(String[]::new);
    Long[] services = assignments.stream().map(AgentAssignment::serviceId).distinct().toArray(Long[]::new);
    jdbc.sql("""
        select agent_id, service_id, pid, state, reason, detail, reported_at from protection_statuses
        where agent_id = any(?) and service_id = any(?) order by pid""")
        .params(agents, services)
        .query((rs, row) -> {
          byKey.computeIfAbsent(key(rs.getString(1), rs.getLong(2)), k -> new ArrayList<>())
              .add(new ProcessProtection(rs.getInt(3), ProtectionState.valueOf(rs.getString(4)),
                  StatusReason.valueOf(rs.getString(5)), rs.getString(6), Sql.instant(rs, "reported_at")));
          return 0;
        }).list();
    return assignments.stream().map(a -> {
      var processes = byKey.getOrDefault(key(a.agentId(), a.serviceId()), List.of());
      Instant last = processes.stream().map(ProcessProtection::reportedAt).max(Comparator.naturalOrder())
          .orElse(null);
      return new AgentAssignment(a.agentId(), a.agentHostName(), a.serviceId(), a.serviceName(), a.projectId(),
          a.mode(), a.activeVersion(), a.assignedBy(), a.assignedAt(), a.changedBy(), a.changedAt(), processes,
          last);
    }).toList();
  }

  private static String key(String agentId, long serviceId) {
    return agentId + "/" + serviceId;
  }

  private static AgentAssignment map(ResultSet rs, int row) throws SQLException {
    Integer activeVersion = rs.getObject("active_version") == null ? null : rs.getInt("active_version");
    return new AgentAssignment(rs.getString("agent_id"), rs.getString("host_name"), rs.getLong("service_id"),
        rs.getString("service_name"), rs.getLong("project_id"), ServiceMode.valueOf(rs.getString("mode")),
        activeVersion, rs.getString("assigned_by"), Sql.instant(rs, "assigned_at"), rs.getString("changed_by"),
        Sql.instant(rs, "changed_at"), List.of(), null);
  }
}
