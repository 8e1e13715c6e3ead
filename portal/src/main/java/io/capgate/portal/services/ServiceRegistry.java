package io.capgate.portal.services;

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
import java.util.regex.PatternSyntaxException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/** The services of a project: register, edit, list and read them, scoped to the caller's organization. */
@Service
@Validated
public class ServiceRegistry {

  private static final String COLUMNS = """
      s.id, s.project_id, p.organization_id, s.name, s.description, s.repository_url, s.owner, s.interpreter,
      s.match_executable, s.match_arguments, s.systemd_unit, s.created_at""";

  private final JdbcClient jdbc;
  private final Access access;
  private final ApplicationEventPublisher events;

  ServiceRegistry(JdbcClient jdbc, Access access, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.access = access;
    this.events = events;
  }

  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<RegisteredService> list(long projectId) {
    access.projectRoles(projectId);
    return jdbc.sql("select " + COLUMNS + " from services s join projects p on p.id = s.project_id"
            + " where s.project_id = ? order by lower(s.name)")
        .param(projectId).query(ServiceRegistry::map).list();
  }

  /** One service; not found when its project is another organization's or unreadable to the caller. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public RegisteredService get(long serviceId) {
    var service = find(serviceId);
    if (service.organizationId() != access.currentUser().organizationId()
        || !access.canReadProject(service.projectId())) {
      throw new NotFoundException("Service " + serviceId);
    }
    return service;
  }

  @PreAuthorize("isAuthenticated()")
  @Transactional
  public RegisteredService register(long projectId, @Valid ServiceForm form) {
    access.requireProject(projectId, Role.ORG_ADMIN, Role.PROJECT_OWNER);
    checkMatch(form);
    long id;
    try {
      id = jdbc.sql("""
          insert into services (project_id, name, description, repository_url, owner, interpreter,
                                match_executable, match_arguments, systemd_unit)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
          .params(projectId, form.name(), form.description(), form.repositoryUrl(), form.owner(), form.interpreter(),
              form.matchExecutable(), form.matchArguments(), form.systemdUnit())
          .query(Long.class).single();
    } catch (DuplicateKeyException e) {
      throw new ConflictException("The project already has a service named '" + form.name() + "'");
    }
    var service = find(id);
    audit("service.registered", service, Map.of(), fields(service));
    return service;
  }

  @PreAuthorize("isAuthenticated()")
  @Transactional
  public RegisteredService update(long serviceId, @Valid ServiceForm form) {
    var before = get(serviceId);
    access.requireProject(before.projectId(), Role.ORG_ADMIN, Role.PROJECT_OWNER);
    checkMatch(form);
    try {
      jdbc.sql("""
          update services set name = ?, description = ?, repository_url = ?, owner = ?, interpreter = ?,
                 match_executable = ?, match_arguments = ?, systemd_unit = ?
          where id = ?""")
          .params(form.name(), form.description(), form.repositoryUrl(), form.owner(), form.interpreter(),
              form.matchExecutable(), form.matchArguments(), form.systemdUnit(), serviceId)
          .update();
    } catch (DuplicateKeyException e) {
      throw new ConflictException("The project already has a service named '" + form.name() + "'");
    }
    var after = find(serviceId);
    audit("service.updated", after, fields(before), fields(after));
    return after;
  }

  private static void checkMatch(ServiceForm form) {
    if ((form.matchExecutable() == null) == (form.systemdUnit() == null)) {
      throw new IllegalArgumentException(
          "Say how agents recognise the service: an executable path, or a systemd unit (not both)");
    }
    if (form.matchArguments() != null) {
      if (form.matchExecutable() == null) {
        throw new IllegalArgumentException("An argument pattern goes with an executable path");
      }
      try {
        java.util.regex.Pattern.compile(form.matchArguments());
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("The argument pattern is not a valid regex: " + e.getDescription()
            + " at index " + e.getIndex());
      }
    }
  }

  private RegisteredService find(long serviceId) {
    return jdbc.sql("select " + COLUMNS + " from services s join projects p on p.id = s.project_id where s.id = ?")
        .param(serviceId).query(ServiceRegistry::map).optional()
        .orElseThrow(() -> new NotFoundException("Service " + serviceId));
  }

  private void audit(String action, RegisteredService s, Map<String, Object> before, Map<String, Object> after) {
    var user = access.currentUser();
    events.publishEvent(new AuditEvent(s.organizationId(), user.actor(), action, "service",
        Long.toString(s.id()), before, after));
  }

  private static Map<String, Object> fields(RegisteredService s) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("projectId", s.projectId());
    fields.put("name", s.name());
    fields.put("description", s.description());
    fields.put("repositoryUrl", s.repositoryUrl());
    fields.put("owner", s.owner());
    fields.put("interpreter", s.interpreter());
    fields.put("matchExecutable", s.matchExecutable());
    fields.put("matchArguments", s.matchArguments());
    fields.put("systemdUnit", s.systemdUnit());
    return fields;
  }

  private static RegisteredService map(ResultSet rs, int row) throws SQLException {
    return new RegisteredService(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
        rs.getTimestamp(12).toInstant());
  }
}
