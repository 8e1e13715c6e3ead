package io.capgate.portal.security.tokens;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-user API tokens: a user creates, lists and revokes their own; an ORG_ADMIN lists and
 * revokes any token of the organization. The full token exists only in the
 * {@link CreatedApiToken} that {@link #create} returns; the database keeps the public id and the
 * SHA-256 of the secret (see {@link TokenFormat} for why a fast hash is right).
 *
 * <p>A token authenticates as its user ({@link ApiTokenAuthenticator}), so every service-layer role
 * check applies to API calls unchanged. A revoked or expired token, or one whose user is disabled,
 * authenticates nobody.
 */
@Service
public class ApiTokens {

  /** Live tokens a user may hold at once; more is a leak waiting to happen, not a need. */
  public static final int MAX_LIVE_TOKENS = 50;
  public static final int MAX_NAME_LENGTH = 100;

  private static final String COLUMNS = """
      t.id, t.user_id, u.username, t.name, t.public_id, t.created_at, t.last_used_at, t.expires_at,
      t.revoked_at""";

  private final JdbcClient jdbc;
  private final Access access;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final TokenFormat format = new TokenFormat(new SecureRandom());

  ApiTokens(JdbcClient jdbc, Access access, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.events = events;
    this.clock = clock;
  }

  /**
   * A new token for the caller. Its value is in the result and nowhere else: show it once.
   *
   * @param expiresAt when it stops working, or null for a token that lives until revoked
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public CreatedApiToken create(String name, Instant expiresAt) {
    var user = access.currentUser();
    String cleanName = checkName(name);
    Instant now = now();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("The expiry must be in the future");
    }
    if (countLive(user.id()) >= MAX_LIVE_TOKENS) {
      throw new ConflictException("You already have " + MAX_LIVE_TOKENS + " live tokens: revoke one first");
    }
    var parts = format.generate();
    long id;
    try {
      id = jdbc.sql("""
          insert into api_tokens (user_id, organization_id, name, public_id, secret_sha256, created_at, expires_at)
          values (?, ?, ?, ?, ?, ?, ?) returning id""")
          .params(user.id(), user.organizationId(), cleanName, parts.publicId(), TokenFormat.hash(parts.secret()),
              Sql.at(now), expiresAt == null ? null : Sql.at(expiresAt))
          .query(Long.class).single();
    } catch (DuplicateKeyException e) {
      throw new ConflictException("You already have a live token named '" + cleanName
          + "': revoke it or pick another name");
    }
    var token = find(id, user.organizationId()).orElseThrow();
    audit(user, "api_token.created", user.organizationId(), token, Map.of(), fields(token));
    return new CreatedApiToken(token, parts.token());
  }

  /** The caller's tokens, revoked and expired ones included, newest first. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<ApiToken> mine() {
    return jdbc.sql("select " + COLUMNS + " from api_tokens t join users u on u.id = t.user_id"
            + " where t.user_id = ? order by t.created_at desc, t.id desc")
        .param(access.currentUser().id()).query(ApiTokens::map).list();
  }

  /** Every token of the caller's organization, newest first; ORG_ADMIN only. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<ApiToken> organizationTokens() {
    access.requireOrganization(Role.ORG_ADMIN);
    return jdbc.sql("select " + COLUMNS + " from api_tokens t join users u on u.id = t.user_id"
            + " where t.organization_id = ? order by t.created_at desc, t.id desc")
        .param(access.currentUser().organizationId()).query(ApiTokens::map).list();
  }

  /**
   * Revokes a token at once: its next call gets a 401. The owner may revoke their own tokens, an
   * ORG_ADMIN any token of the organization; to anyone else the token does not exist. Revoking a
   * revoked token changes nothing.
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ApiToken revoke(long tokenId) {
    var user = access.currentUser();
    var token = find(tokenId, user.organizationId())
        .filter(t -> t.userId() == user.id() || access.hasOrganizationRole(Role.ORG_ADMIN))
        .orElseThrow(() -> new NotFoundException("API token " + tokenId));
    if (token.revokedAt() != null) {
      return token;
    }
    jdbc.sql("update api_tokens set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
        .params(Sql.at(now()), user.id(), tokenId).update();
    var revoked = find(tokenId, user.organizationId()).orElseThrow();
    var before = fields(token);
    before.put("revokedAt", null);
    var after = fields(revoked);
    after.put("revokedAt", revoked.revokedAt().toString());
    audit(user, "api_token.revoked", user.organizationId(), revoked, before, after);
    return revoked;
  }

  private long countLive(long userId) {
    return jdbc.sql("select count(*) from api_tokens where user_id = ? and revoked_at is null"
            + " and (expires_at is null or expires_at > ?)")
        .params(userId, Sql.at(now())).query(Long.class).single();
  }

  private Optional<ApiToken> find(long tokenId, long organizationId) {
    return jdbc.sql("select " + COLUMNS + " from api_tokens t join users u on u.id = t.user_id"
            + " where t.id = ? and t.organization_id = ?")
        .params(tokenId, organizationId).query(ApiTokens::map).optional();
  }

  private static String checkName(String name) {
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty()) {
      throw new IllegalArgumentException("Give the token a name, e.g. where it is used (\"CI deploy\")");
    }
    if (clean.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("A token name may have at most " + MAX_NAME_LENGTH + " characters");
    }
    if (clean.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("A token name may not contain control characters");
    }
    return clean;
  }

  private void audit(CapgateUser actor, String action, long organizationId, ApiToken token,
      Map<String, Object> before, Map<String, Object> after) {
    events.publishEvent(new AuditEvent(organizationId, actor.actor(), action,
        "api_token", Long.toString(token.id()), before, after));
  }

  /** What the audit log keeps of a token: never the secret, nor its hash. */
  private static LinkedHashMap<String, Object> fields(ApiToken token) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("name", token.name());
    fields.put("token", token.masked());
    fields.put("owner", token.username());
    fields.put("expiresAt", token.expiresAt() == null ? "never" : token.expiresAt().toString());
    return fields;
  }

  /** Now, to the microsecond PostgreSQL keeps, so a value read back equals the one written. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static ApiToken map(ResultSet rs, int row) throws SQLException {
    return new ApiToken(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
        Sql.instant(rs, 6), Sql.instant(rs, 7), Sql.instant(rs, 8), Sql.instant(rs, 9));
  }
}
