package io.capgate.portal.security;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A user of the caller's organization with their role grants, as user administration shows them. */
public record ManagedUser(long id, String username, String displayName, boolean enabled,
    boolean mustChangePassword, Instant createdAt, List<RoleGrant> grants) {

  public ManagedUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(displayName, "displayName");
    grants = List.copyOf(grants);
  }

  /** Whether the user holds the role on exactly this scope (null: organization-wide). */
  public boolean holds(Role role, Long projectId) {
    return grants.stream().anyMatch(g -> g.matches(role, projectId));
  }

  /** The grants as one line, e.g. {@code ORG_ADMIN, DEVELOPER on payments}. */
  public String describeGrants() {
    return grants.stream().map(RoleGrant::describe).collect(Collectors.joining(", "));
  }
}
