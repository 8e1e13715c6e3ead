package io.capgate.portal.security.tokens;

import java.util.Objects;

/**
 * A token just created: the only time its full value exists outside the caller's hands. Show
 * {@link #value()} once and drop it; {@link #toString()} masks it so it cannot reach a log.
 *
 * @param value the full token, {@code cg_<public id>_<secret>}, for the {@code Authorization: Bearer} header
 */
public record CreatedApiToken(ApiToken token, String value) {

  public CreatedApiToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "CreatedApiToken[" + token.masked() + " '" + token.name() + "']";
  }
}
