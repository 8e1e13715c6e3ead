package io.capgate.portal.agents;

import io.capgate.model.protocol.EnrollmentTokenFormat;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time tokens that enroll an agent into a project. An ORG_ADMIN or OPERATOR creates one for a project of
 * their organization; its text ({@link EnrollmentTokenFormat}: gateway address, CA fingerprint and a 256-bit
 * secret) is returned once and only the secret's SHA-256 is stored. A token enrolls one agent, expires
 * ({@link #DEFAULT_VALIDITY}, at most {@link #MAX_VALIDITY}) and can be revoked while unused.
 */
@Service
public class EnrollmentTokens {

  public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
  public static final Duration MAX_VALIDITY = Duration.ofDays(30);
  public static final int MAX_DESCRIPTION_LENGTH = 200;
  /** Unused, unexpired tokens a project may have at once; more is a leak waiting to happen. */
  public static final int MAX_ACTIVE_PER_PROJECT = 100;

  private static final String COLUMNS = """
      t.id, t.organization_id, t.project_id, t.description, u.username, t.created_at, t.expires_at, t.used_at,
      t.used_by_agent, t.revoked_at""";

  private final JdbcClient jdbc;
  private final Access access;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final EnrollmentEndpoint endpoint;
  private final SecureRandom random = new SecureRandom();

  EnrollmentTokens(JdbcClient jdbc, Access access, ApplicationEventPublisher events, Clock clock,
      EnrollmentEndpoint endpoint) {
    this.jdbc = jdbc;
    this.access = access;
    this.events = events;
    this.clock = clock;
    this.endpoint = endpoint;
  }

  /**
   * A new token for the project. Its text is in the result and nowhere else: show it once.
   *
   * @param description what it is for (a host name, a ticket), at most 200 characters; may be null
   * @param validity how long it can be used, {@link #DEFAULT_VALIDITY} when null, at most {@link #MAX_VALIDITY}
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public CreatedEnrollmentToken create(long projectId, String description, Duration validity) {
    access.projectRoles(projectId);
    access.requireOrganization(Role.ORG_ADMIN, Role.OPERATOR);
    var user = access.currentUser();
    String cleanDescription = checkDescription(description);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant expiresAt = now.plus(checkValidity(validity));
    if (countActive(projectId, now) >= MAX_ACTIVE_PER_PROJECT) {
      throw new ConflictException("The project already has " + MAX_ACTIVE_PER_PROJECT
          + " unused enrollment tokens: revoke some first");
    }
    String secret = EnrollmentTokenFormat.newSecret(random);
    String text = new EnrollmentTokenFormat.Token(endpoint.host(), endpoint.port(), endpoint.caFingerprint(),
        secret).encode();
    long id = jdbc.sql("""
        insert into enrollment_tokens (organization_id, project_id, secret_sha256, description, created_by,
                                       created_at, expires_at)
        values (?, ?, ?, ?, ?, ?, ?) returning id""")
        .params(user.organizationId(), projectId, Secrets.sha256Hex(secret), cleanDescription, user.id(),
            Sql.at(now), Sql.at(expiresAt))
        .query(Long.class).single();
    var token = find(id, now);
    audit("enrollment_token.created", token, Map.of(), fields(token));
    return new CreatedEnrollmentToken(token, text);
  }

  /** The project's tokens, newest first; ORG_ADMIN, OPERATOR or AUDITOR. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<EnrollmentToken> list(long projectId) {
    access.projectRoles(projectId);
    access.requireOrganization(Role.ORG_ADMIN, Role.OPERATOR, Role.AUDITOR);
    Instant now = clock.instant();
    return jdbc.sql("select " + COLUMNS + " from enrollment_tokens t join users u on u.id = t.created_by"
            + " where t.project_id = ? order by t.created_at desc, t.id desc")
        .param(projectId).query((rs, row) -> map(rs, now)).list();
  }

  /**
   * Revokes an unused token: it enrolls nobody from now on. Revoking a revoked token changes nothing; a used
   * token cannot be revoked (revoke its agent instead).
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public EnrollmentToken revoke(long tokenId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    var before = find(tokenId, now);
    if (before.organizationId() != access.currentUser().organizationId()
        || !access.canReadProject(before.projectId())) {
      throw new NotFoundException("Enrollment token " + tokenId);
    }
    access.requireOrganization(Role.ORG_ADMIN, Role.OPERATOR);
    if (before.status() == TokenStatus.REVOKED) {
      return before;
    }
    if (before.status() == TokenStatus.USED) {
      throw new ConflictException("The token already enrolled agent " + before.usedByAgent()
          + ": revoke the agent instead");
    }
    jdbc.sql("update enrollment_tokens set revoked_at = ?, revoked_by = ? where id = ? and used_at is null")
        .params(Sql.at(now), access.currentUser().id(), tokenId).update();
    var after = find(tokenId, now);
    audit("enrollment_token.revoked", after, fields(before), fields(after));
    return after;
  }

  private int countActive(long projectId, Instant now) {
    return jdbc.sql("""
        select count(*) from enrollment_tokens
        where project_id = ? and used_at is null and revoked_at is null and expires_at > ?""")
        .params(projectId, Sql.at(now)).query(Integer.class).single();
  }

  private EnrollmentToken find(long tokenId, Instant now) {
    return jdbc.sql("select " + COLUMNS + " from enrollment_tokens t join users u on u.id = t.created_by"
            + " where t.id = ?")
        .param(tokenId).query((rs, row) -> map(rs, now)).optional()
        .orElseThrow(() -> new NotFoundException("Enrollment token " + tokenId));
  }

  private static String checkDescription(String description) {
    String clean = description == null ? "" : description.strip();
    if (clean.length() > MAX_DESCRIPTION_LENGTH) {
      throw new IllegalArgumentException("The description may have at most " + MAX_DESCRIPTION_LENGTH
          + " characters");
    }
    return clean;
  }

  private static Duration checkValidity(Duration validity) {
    Duration chosen = validity == null ? DEFAULT_VALIDITY : validity;
    if (chosen.isNegative() || chosen.isZero() || chosen.compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException("A token is valid for more than zero and at most "
          + MAX_VALIDITY.toDays() + " days");
    }
    return chosen;
  }

  private void audit(String action, EnrollmentToken token, Map<String, Object> before, Map<String, Object> after) {
    var user = access.currentUser();
    events.publishEvent(new AuditEvent(token.organizationId(), user.actor(), action,
        "enrollment_token", Long.toString(token.id()), before, after));
  }

  private static Map<String, Object> fields(EnrollmentToken token) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("projectId", token.projectId());
    fields.put("description", token.description());
    fields.put("expiresAt", token.expiresAt().toString());
    fields.put("status", token.status().name());
    return fields;
  }

  private static EnrollmentToken map(ResultSet rs, Instant now) throws SQLException {
    Instant expiresAt = Sql.instant(rs, "expires_at");
    Instant usedAt = Sql.instant(rs, "used_at");
    Instant revokedAt = Sql.instant(rs, "revoked_at");
    TokenStatus status = usedAt != null ? TokenStatus.USED
        : revokedAt != null ? TokenStatus.REVOKED
        : expiresAt.isAfter(now) ? TokenStatus.ACTIVE : TokenStatus.EXPIRED;
    return new EnrollmentToken(rs.getLong("id"), rs.getLong("organization_id"), rs.getLong("project_id"),
        rs.getString("description"), rs.getString("username"), Sql.instant(rs, "created_at"), expiresAt, usedAt,
        rs.getString("used_by_agent"), revokedAt, status);
  }
}
