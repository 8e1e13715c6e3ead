package io.capgate.portal.security;

import io.capgate.portal.base.NotFoundException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The authorization checks feature services run before they read or change anything. Views hide
 * what a user may not do, but these checks are what holds: every service method calls one.
 *
 * <p>A project of another organization is reported as not found, never as forbidden, so that ids
 * cannot be probed across tenants. Roles are read from the database on each check.
 */
@Component("access")
public class Access {

  private final JdbcClient jdbc;

  Access(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The caller; fails when nobody is authenticated. */
  public CapgateUser currentUser() {
    return maybeCurrentUser().orElseThrow(
        () -> new AuthenticationCredentialsNotFoundException("No authenticated user"));
  }

  public Optional<CapgateUser> maybeCurrentUser() {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof CapgateUser user) {
      return Optional.of(user);
    }
    return Optional.empty();
  }

  /** The caller's organization-wide roles, and project roles granted for every project. */
  public Set<Role> organizationRoles() {
    var user = currentUser();
    return toSet(jdbc.sql("select role from role_grants where user_id = ? and project_id is null")
        .param(user.id()).query(String.class).list());
  }

  /** The caller's roles on a project; not found when it is in another organization or unreadable. */
  public Set<Role> projectRoles(long projectId) {
    var user = currentUser();
    Long organization = jdbc.sql("select organization_id from projects where id = ?").param(projectId)
        .query(Long.class).optional().orElse(null);
    if (organization == null || organization != user.organizationId()) {
      throw new NotFoundException("Project " + projectId);
    }
    var roles = toSet(jdbc.sql("""
        select role from role_grants
        where user_id = ? and organization_id = ? and (project_id is null or project_id = ?)""")
        .param(user.id()).param(user.organizationId()).param(projectId).query(String.class).list());
    if (roles.isEmpty()) {
      throw new NotFoundException("Project " + projectId);
    }
    return roles;
  }

  /** Any role in the organization (or on the project) lets a user read the project. */
  public boolean canReadProject(long projectId) {
    try {
      projectRoles(projectId);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Passes when the caller holds one of the roles on the project. */
  public void requireProject(long projectId, Role... anyOf) {
    var roles = projectRoles(projectId);
    if (Arrays.stream(anyOf).noneMatch(roles::contains)) {
      throw new AccessDeniedException("Needs " + describe(anyOf) + " on project " + projectId);
    }
  }

  /** Passes when the caller holds one of these roles for the whole organization. */
  public void requireOrganization(Role... anyOf) {
    var roles = organizationRoles();
    if (Arrays.stream(anyOf).noneMatch(roles::contains)) {
      throw new AccessDeniedException("Needs " + describe(anyOf) + " in the organization");
    }
  }

  public boolean hasOrganizationRole(Role role) {
    return maybeCurrentUser().isPresent() && organizationRoles().contains(role);
  }

  private static Set<Role> toSet(java.util.List<String> names) {
    var roles = EnumSet.noneOf(Role.class);
    names.forEach(name -> roles.add(Role.valueOf(name)));
    return roles;
  }

  private static String describe(Role... roles) {
    return roles.length == 1 ? roles[0].name() : "one of " + Arrays.toString(roles);
  }
}
