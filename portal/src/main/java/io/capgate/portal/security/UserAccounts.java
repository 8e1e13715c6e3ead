package io.capgate.portal.security;

import io.capgate.portal.audit.AuditEvent;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users as the login sees them, and the caller's own password. */
@Service
public class UserAccounts implements UserDetailsService {

  /** Shortest password accepted; long passphrases beat composition rules. */
  public static final int MIN_PASSWORD_LENGTH = 12;

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private final Access access;
  private final ApplicationEventPublisher events;

  UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, Access access, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.access = access;
    this.events = events;
  }

  @Override
  public CapgateUser loadUserByUsername(String username) {
    return findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
  }

  Optional<CapgateUser> findByUsername(String username) {
    return jdbc.sql("""
        select id, organization_id, username, display_name, password_hash, enabled
        from users where username = ?""")
        .param(normalize(username))
        .query((rs, n) -> new CapgateUser(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getBoolean(6)))
        .optional();
  }

  /** Whether the user exists and is enabled; a disabled user's session ends at their next request. */
  boolean isEnabled(long userId) {
    return jdbc.sql("select enabled from users where id = ?").param(userId).query(Boolean.class).optional()
        .orElse(false);
  }

  /** Usernames are stored in lower case; the sign-in form accepts any case and stray spaces. */
  static String normalize(String username) {
    return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether the caller must pick a new password before doing anything else. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public boolean mustChangePassword() {
    return jdbc.sql("select must_change_password from users where id = ?").param(access.currentUser().id())
        .query(Boolean.class).single();
  }

  /** Changes the caller's password after checking the current one. */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public void changePassword(String currentPassword, String newPassword) {
    var user = access.currentUser();
    String hash = jdbc.sql("select password_hash from users where id = ?").param(user.id())
        .query(String.class).single();
    if (!encoder.matches(currentPassword, hash)) {
      throw new IllegalArgumentException("The current password is wrong");
    }
    checkStrength(newPassword, user.username());
    if (encoder.matches(newPassword, hash)) {
      throw new IllegalArgumentException("The new password must differ from the current one");
    }
    jdbc.sql("update users set password_hash = ?, must_change_password = false where id = ?")
        .param(encoder.encode(newPassword)).param(user.id()).update();
    events.publishEvent(new AuditEvent(user.organizationId(), user.actor(),
        "user.password_changed", "user", Long.toString(user.id()), Map.of(), Map.of()));
  }

  /** Fails with a message that says what is wrong with a new password. */
  public static void checkStrength(String password, String username) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (password.length() > 256) {
      throw new IllegalArgumentException("A password may have at most 256 characters");
    }
    if (password.toLowerCase(java.util.Locale.ROOT).contains(username.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("A password must not contain the username");
    }
  }
}
