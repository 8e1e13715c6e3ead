package io.capgate.portal.security;

import java.util.Objects;

/**
 * One role a user holds: organization-wide when {@code projectId} is null, else on that project.
 * A project role without a project holds on every project of the organization.
 *
 * @param projectName the project's name, for display (null when organization-wide)
 */
public record RoleGrant(Role role, Long projectId, String projectName) {

  public RoleGrant {
    Objects.requireNonNull(role, "role");
  }

  /** Whether this grant is for the role on exactly this scope (null: organization-wide). */
  public boolean matches(Role role, Long projectId) {
    return this.role == role && Objects.equals(this.projectId, projectId);
  }

  /** e.g. {@code ORG_ADMIN}, {@code DEVELOPER on payments}, {@code REVIEWER on all projects}. */
  public String describe() {
    if (projectId != null) {
      return role + " on " + (projectName == null ? "project " + projectId : projectName);
    }
    return role.organizationWide() ? role.name() : role + " on all projects";
  }
}
