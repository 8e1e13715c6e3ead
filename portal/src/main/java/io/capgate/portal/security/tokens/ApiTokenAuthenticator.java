package io.capgate.portal.security.tokens;

import io.capgate.portal.security.CapgateUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns a presented token into its user. Runs before anyone is authenticated, so it is not part of
 * the {@link ApiTokens} service and has no role checks; it only answers who a valid token stands for.
 */
@Component
class ApiTokenAuthenticator {

  /** {@code last_used_at} is written at most this often per token, not on every call. */
  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final Clock clock;

  ApiTokenAuthenticator(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The user a presented token stands for, or empty when it is malformed, unknown, wrong,
   * revoked, expired or its user is disabled: callers must not tell these apart.
   */
  Optional<CapgateUser> authenticate(String presented) {
    var parts = TokenFormat.parse(presented);
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    var row = jdbc.sql("""
        select t.id, t.secret_sha256, t.revoked_at, t.expires_at, t.last_used_at,
               u.id, u.organization_id, u.username, u.display_name, u.enabled
        from api_tokens t join users u on u.id = t.user_id where t.public_id = ?""")
        .param(parts.get().publicId()).query(TokenRow::map).optional();
    // The secret is compared before any state is looked at, so a wrong secret and a dead token cost the same.
    if (row.isEmpty() || !TokenFormat.matches(parts.get().secret(), row.get().secretHash())) {
      return Optional.empty();
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (!row.get().live(now)) {
      return Optional.empty();
    }
    touch(row.get(), now);
    return Optional.of(row.get().user());
  }

  private void touch(TokenRow row, Instant now) {
    Instant due = now.minus(LAST_USED_RESOLUTION);
    if (row.lastUsedAt() != null && row.lastUsedAt().isAfter(due)) {
      return;
    }
    // The condition repeats the check in SQL so concurrent calls still write once a minute.
    jdbc.sql("update api_tokens set last_used_at = ? where id = ? and (last_used_at is null or last_used_at <= ?)")
        .params(Sql.at(now), row.tokenId(), Sql.at(due)).update();
  }

  /** What authentication reads of a token and its user. */
  private record TokenRow(long tokenId, String secretHash, Instant revokedAt, Instant expiresAt, Instant lastUsedAt,
      CapgateUser user) {

    boolean live(Instant now) {
      return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now)) && user.enabled();
    }

    static TokenRow map(ResultSet rs, int row) throws SQLException {
      var user = new CapgateUser(rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getString(9), "",
          rs.getBoolean(10));
      return new TokenRow(rs.getLong(1), rs.getString(2), Sql.instant(rs, 3), Sql.instant(rs, 4),
          Sql.instant(rs, 5), user);
    }
  }
}
