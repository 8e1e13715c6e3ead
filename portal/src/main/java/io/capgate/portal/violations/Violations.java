package io.capgate.portal.violations;

import io.capgate.model.protocol.StackFrame;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.Access;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads violations of the caller's organization, only of services in projects the caller can read. Another
 * organization's service is not found.
 */
@Service
public class Violations {

  /** The most a page holds. */
  public static final int MAX_LIMIT = 500;

  private static final TypeReference<List<StackFrame>> STACK = new TypeReference<>() {};

  /** Services of the organization in projects the user holds a role on (or every project for org-wide roles). */
  private static final String READABLE_SERVICES = """
      service_id in (select s.id from services s join projects p on p.id = s.project_id
        where p.organization_id = :org and exists (select 1 from role_grants g
          where g.user_id = :user and g.organization_id = :org and (g.project_id is null or g.project_id = p.id)))""";

  private final JdbcClient jdbc;
  private final Access access;

  Violations(JdbcClient jdbc, Access access) {
    this.jdbc = jdbc;
    this.access = access;
  }

  /**
   * One page of violations matching the filter, newest first.
   *
   * @param after where the page starts ({@link ViolationPage#next()} of the previous page), or null for the first
   * @param limit 1 to {@link #MAX_LIMIT}
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public ViolationPage page(ViolationFilter filter, ViolationPage.Cursor after, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    var user = access.currentUser();
    if (filter.serviceId() != null) {
      requireReadableService(filter.serviceId());
    }
    if (filter.projectId() != null) {
      access.projectRoles(filter.projectId()); // another organization's project is not found
    }
    var sql = new StringBuilder("""
        select v.id, v.service_id, v.agent_id, v.sequence, v.pid, v.tid, v.at, v.module, v.syscall, v.syscall_nr,
          v.action, v.stack::text, v.detail, v.received_at, s.name service_name, a.host_name
        from violations v join services s on s.id = v.service_id left join agents a on a.id = v.agent_id
        where v.organization_id = :org and v.""").append(READABLE_SERVICES);
    var params = new java.util.HashMap<String, Object>();
    params.put("org", user.organizationId());
    params.put("user", user.id());
    condition(sql, params, "v.service_id = :service", "service", filter.serviceId());
    condition(sql, params, "v.agent_id = :agent", "agent", filter.agentId());
    condition(sql, params, "v.at >= :from", "from", filter.from() == null ? null : Timestamp.from(filter.from()));
    condition(sql, params, "v.at < :to", "to", filter.to() == null ? null : Timestamp.from(filter.to()));
    condition(sql, params, "v.module = :module", "module", filter.module());
    condition(sql, params, "s.project_id = :project", "project", filter.projectId());
    condition(sql, params, "v.action = :action", "action", filter.action());
    condition(sql, params, "v.module ilike :moduleText escape '\\'", "moduleText",
        filter.moduleText() == null ? null : "%" + likeEscaped(filter.moduleText()) + "%");
    if (after != null) {
      sql.append(" and (v.at, v.id) < (:afterAt, :afterId)");
      params.put("afterAt", Timestamp.from(after.at()));
      params.put("afterId", after.id());
    }
    sql.append(" order by v.at desc, v.id desc limit :limit");
    params.put("limit", limit + 1);
    List<StoredViolation> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(Violations::map)
        .list());
    Optional<ViolationPage.Cursor> next = Optional.empty();
    if (rows.size() > limit) {
      rows.removeLast();
      var last = rows.getLast();
      next = Optional.of(new ViolationPage.Cursor(last.at(), last.id()));
    }
    return new ViolationPage(rows, next);
  }

  private void requireReadableService(long serviceId) {
    var owner = jdbc.sql("""
        select p.id, p.organization_id from services s join projects p on p.id = s.project_id where s.id = ?""")
        .param(serviceId).query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional()
        .orElseThrow(() -> new NotFoundException("Service " + serviceId));
    if (owner[1] != access.currentUser().organizationId()) {
      throw new NotFoundException("Service " + serviceId);
    }
    access.projectRoles(owner[0]);
  }

  private static void condition(StringBuilder sql, java.util.Map<String, Object> params, String clause,
      String name, Object value) {
    if (value != null) {
      sql.append(" and ").append(clause);
      params.put(name, value);
    }
  }

  /** The text as a LIKE pattern that matches it literally. */
  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static StoredViolation map(ResultSet rs, int row) throws SQLException {
    return new StoredViolation(rs.getLong("id"), rs.getLong("service_id"), rs.getString("agent_id"),
        rs.getLong("sequence"), rs.getInt("pid"), rs.getInt("tid"), rs.getTimestamp("at").toInstant(),
        rs.getString("module"), rs.getString("syscall"), rs.getInt("syscall_nr"), rs.getString("action"),
        JsonMapper.shared().readValue(rs.getString("stack"), STACK), rs.getString("detail"),
        rs.getTimestamp("received_at").toInstant(), rs.getString("service_name"), rs.getString("host_name"));
  }
}
