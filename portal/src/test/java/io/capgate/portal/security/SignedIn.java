package io.capgate.portal.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Signs a fixture user in for a browserless test, whose UI reads the user from the security
 * context for the whole test (unlike {@code Fixtures.as}, which signs out after one call).
 */
public final class SignedIn {

  private SignedIn() {}

  public static void as(CapgateUser user) {
    SecurityContextHolder.getContext().setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
  }

  public static void signOut() {
    SecurityContextHolder.clearContext();
  }
}
