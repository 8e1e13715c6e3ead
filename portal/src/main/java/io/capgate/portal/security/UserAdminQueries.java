package io.capgate.portal.security;

import io.capgate.portal.base.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The reads behind {@link UserAdmin}: users with their grants, always within one organization. */
@Component
class UserAdminQueries {

  private static final String USERS = """
      select u.id, u.username, u.display_name, u.enabled, u.must_change_password, u.created_at,
             g.role, g.project_id, p.name
      from users u
      left join role_grants g on g.user_id = u.id
      left join projects p on p.id = g.project_id
      """;
  private static final String ORDER = " order by u.username, g.role, p.name nulls first";

  private final JdbcClient jdbc;

  UserAdminQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<ManagedUser> users(long organizationId) {
    return collect(jdbc.sql(USERS + "where u.organization_id = ?" + ORDER).param(organizationId)
        .query(UserAdminQueries::row).list());
  }

  /** Users holding any role that applies to the project: granted on it, or organization-wide. */
  List<ManagedUser> usersOf(long organizationId, long projectId) {
    return collect(jdbc.sql(USERS + """
        where u.organization_id = :org and exists (select 1 from role_grants r
          where r.user_id = u.id and (r.project_id is null or r.project_id = :project))
          and (g.project_id is null or g.project_id = :project)""" + ORDER)
        .param("org", organizationId).param("project", projectId).query(UserAdminQueries::row).list());
  }

  /** One user of the organization; not found when it is another organization's. */
  ManagedUser user(long organizationId, long userId) {
    var users = collect(jdbc.sql(USERS + "where u.organization_id = ? and u.id = ?" + ORDER)
        .params(organizationId, userId).query(UserAdminQueries::row).list());
    if (users.isEmpty()) {
      throw new NotFoundException("User " + userId);
    }
    return users.getFirst();
  }

  List<ProjectChoice> projects(long organizationId) {
    return jdbc.sql("select id, name from projects where organization_id = ? order by lower(name)")
        .param(organizationId).query((rs, n) -> new ProjectChoice(rs.getLong(1), rs.getString(2))).list();
  }

  /** Fails unless the project belongs to the organization. */
  void requireProject(long organizationId, long projectId) {
    boolean found = jdbc.sql("select count(*) from projects where id = ? and organization_id = ?")
        .params(projectId, organizationId).query(Long.class).single() > 0;
    if (!found) {
      throw new NotFoundException("Project " + projectId);
    }
  }

  /** Enabled users holding ORG_ADMIN for the organization, leaving one user out. */
  long enabledAdminsOtherThan(long organizationId, long userId) {
    return jdbc.sql("""
        select count(*) from role_grants g join users u on u.id = g.user_id
        where g.organization_id = ? and g.role = 'ORG_ADMIN' and g.project_id is null
          and u.enabled and u.id <> ?""")
        .params(organizationId, userId).query(Long.class).single();
  }

  /** Row lock on the organization: admin changes that check "the last admin" run one at a time. */
  void lockOrganization(long organizationId) {
    jdbc.sql("select id from organizations where id = ? for update").param(organizationId).query(Long.class).single();
  }

  private record Row(ManagedUser user, RoleGrant grant) {}

  private static Row row(ResultSet rs, int n) throws SQLException {
    var user = new ManagedUser(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
        rs.getTimestamp(6).toInstant(), List.of());
    String role = rs.getString(7);
    long projectId = rs.getLong(8);
    Long project = rs.wasNull() ? null : projectId;
    return new Row(user, role == null ? null : new RoleGrant(Role.valueOf(role), project, rs.getString(9)));
  }

  private static List<ManagedUser> collect(List<Row> rows) {
    var users = new LinkedHashMap<Long, ManagedUser>();
    var grants = new LinkedHashMap<Long, List<RoleGrant>>();
    for (Row row : rows) {
      users.putIfAbsent(row.user().id(), row.user());
      var list = grants.computeIfAbsent(row.user().id(), id -> new ArrayList<>());
      if (row.grant() != null) {
        list.add(row.grant());
      }
    }
    return users.values().stream().map(u -> withGrants(u, grants)).toList();
  }

  private static ManagedUser withGrants(ManagedUser u, Map<Long, List<RoleGrant>> grants) {
    return new ManagedUser(u.id(), u.username(), u.displayName(), u.enabled(), u.mustChangePassword(), u.createdAt(),
        grants.get(u.id()));
  }
}
