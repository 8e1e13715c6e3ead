package io.capgate.portal.projects;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import jakarta.validation.Valid;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/** Projects of the caller's organization: list, read, create and change their approval policy. */
@Service
@Validated
public class ProjectService {

  private static final String COLUMNS =
      "id, organization_id, name, description, required_approvals, separate_activation, created_at";

  private final JdbcClient jdbc;
  private final Access access;
  private final ApplicationEventPublisher events;

  ProjectService(JdbcClient jdbc, Access access, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.access = access;
    this.events = events;
  }

  /** The projects the caller can read, by name. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<Project> list() {
    var user = access.currentUser();
    return jdbc.sql("select " + COLUMNS + " from projects p where organization_id = :org and exists ("
            + " select 1 from role_grants g where g.user_id = :user and g.organization_id = :org"
            + " and (g.project_id is null or g.project_id = p.id)) order by lower(name)")
        .param("org", user.organizationId()).param("user", user.id())
        .query(ProjectService::map).list();
  }

  /** One project; not found when it is another organization's or the caller has no role on it. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public Project get(long projectId) {
    access.projectRoles(projectId);
    return find(projectId);
  }

  @PreAuthorize("isAuthenticated()")
  @Transactional
  public Project create(@Valid ProjectForm form) {
    access.requireOrganization(Role.ORG_ADMIN);
    var user = access.currentUser();
    long id;
    try {
      id = jdbc.sql("""
          insert into projects (organization_id, name, description, required_approvals, separate_activation)
          values (?, ?, ?, ?, ?) returning id""")
          .params(user.organizationId(), form.name(), form.description(), form.requiredApprovals(),
              form.separateActivation())
          .query(Long.class).single();
    } catch (DuplicateKeyException e) {
      throw new ConflictException("A project named '" + form.name() + "' already exists");
    }
    var project = find(id);
    audit("project.created", project, Map.of(), fields(project));
    return project;
  }

  @PreAuthorize("isAuthenticated()")
  @Transactional
  public Project update(long projectId, @Valid ProjectForm form) {
    access.requireProject(projectId, Role.ORG_ADMIN, Role.PROJECT_OWNER);
    var before = find(projectId);
    try {
      jdbc.sql("""
          update projects set name = ?, description = ?, required_approvals = ?, separate_activation = ?
          where id = ?""")
          .params(form.name(), form.description(), form.requiredApprovals(), form.separateActivation(), projectId)
          .update();
    } catch (DuplicateKeyException e) {
      throw new ConflictException("A project named '" + form.name() + "' already exists");
    }
    var after = find(projectId);
    audit("project.updated", after, fields(before), fields(after));
    return after;
  }

  private Project find(long projectId) {
    return jdbc.sql("select " + COLUMNS + " from projects where id = ?").param(projectId)
        .query(ProjectService::map).optional()
        .orElseThrow(() -> new NotFoundException("Project " + projectId));
  }

  private void audit(String action, Project project, Map<String, Object> before, Map<String, Object> after) {
    var user = access.currentUser();
    events.publishEvent(new AuditEvent(project.organizationId(), user.actor(), action,
        "project", Long.toString(project.id()), before, after));
  }

  private static Map<String, Object> fields(Project p) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("name", p.name());
    fields.put("description", p.description());
    fields.put("requiredApprovals", p.requiredApprovals());
    fields.put("separateActivation", p.separateActivation());
    return fields;
  }

  private static Project map(ResultSet rs, int row) throws SQLException {
    return new Project(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
        rs.getBoolean(6), rs.getTimestamp(7).toInstant());
  }
}
