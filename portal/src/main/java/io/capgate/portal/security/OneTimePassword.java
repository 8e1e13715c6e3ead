package io.capgate.portal.security;

import java.util.Objects;

/**
 * A password the portal made up for a user, to be shown once to the admin who asked for it and
 * changed by the user at their next sign-in. It is never stored, logged or audited in clear.
 */
public record OneTimePassword(ManagedUser user, String password) {

  public OneTimePassword {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** Keeps the password out of logs and exception messages. */
  @Override
  public String toString() {
    return "OneTimePassword[" + user.username() + ", ****]";
  }
}
