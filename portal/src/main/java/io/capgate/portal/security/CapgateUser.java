package io.capgate.portal.security;

import io.capgate.portal.audit.AuditEvent;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The authenticated principal, from a login or an API token. Its organization scopes every query;
 * project roles are read fresh by {@link Access} on each check, so a revoked grant takes effect
 * without logging out.
 */
public record CapgateUser(long id, long organizationId, String username, String displayName, String passwordHash,
    boolean enabled) implements UserDetails {

  public CapgateUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(displayName, "displayName");
  }

  /** This user as the actor of an audit event. */
  public AuditEvent.Actor actor() {
    return AuditEvent.Actor.user(id, username);
  }

  /** The same user without the password hash, as kept in the security context. */
  public CapgateUser withoutPassword() {
    return new CapgateUser(id, organizationId, username, displayName, "", enabled);
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_USER"));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public String toString() {
    return "CapgateUser[" + id + " " + username + " org " + organizationId + "]";
  }
}
