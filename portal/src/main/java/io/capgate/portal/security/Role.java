package io.capgate.portal.security;

/**
 * What a user may do. {@link #ORG_ADMIN}, {@link #OPERATOR} and {@link #AUDITOR} hold for the whole
 * organization; the others hold for one project, or for every project when granted without one.
 */
public enum Role {
  /** Manages users, roles, projects and services of the organization. */
  ORG_ADMIN(true),
  /** Enrolls and manages agents. */
  OPERATOR(true),
  /** Reads everything in the organization and changes nothing. */
  AUDITOR(true),
  /** Edits the project's settings and services. */
  PROJECT_OWNER(false),
  /** Uploads traces and manifests and requests capabilities. */
  DEVELOPER(false),
  /** Approves or rejects manifest versions (never their own). */
  REVIEWER(false);

  private final boolean organizationWide;

  Role(boolean organizationWide) {
    this.organizationWide = organizationWide;
  }

  /** True for roles that can only be granted for the whole organization. */
  public boolean organizationWide() {
    return organizationWide;
  }
}
