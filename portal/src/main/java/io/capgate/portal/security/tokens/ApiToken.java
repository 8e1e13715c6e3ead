package io.capgate.portal.security.tokens;

import java.time.Instant;

/**
 * An API token as its owner and the organization's admins see it: never its secret.
 *
 * @param publicId the part of the token that may be shown and logged ({@code cg_<publicId>_...})
 * @param lastUsedAt when it last authenticated a call, to the minute; null if never
 * @param expiresAt when it stops working; null for never
 * @param revokedAt when it was revoked; null while live
 */
public record ApiToken(long id, long userId, String username, String name, String publicId, Instant createdAt,
    Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {

  /** Whether a token can still authenticate. */
  public enum Status {
    ACTIVE, EXPIRED, REVOKED
  }

  public Status status(Instant now) {
    if (revokedAt != null) {
      return Status.REVOKED;
    }
    return expiresAt != null && !expiresAt.isAfter(now) ? Status.EXPIRED : Status.ACTIVE;
  }

  /** The token's recognisable start with the secret masked, e.g. {@code cg_abcd…_****}. */
  public String masked() {
    return TokenFormat.mask(publicId);
  }
}
