package io.capgate.portal.security.tokens;

import io.capgate.portal.security.CapgateUser;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A caller authenticated by an API token. The principal is the token's {@link CapgateUser}, the
 * same type a UI login has, so {@code Access} and every service check treat both alike.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

  private final CapgateUser user;

  ApiTokenAuthentication(CapgateUser user, String maskedToken) {
    super(user.getAuthorities());
    this.user = user;
    setDetails(maskedToken);
    super.setAuthenticated(true);
  }

  @Override
  public CapgateUser getPrincipal() {
    return user;
  }

  /** The token is not kept: it has done its work once the user is known. */
  @Override
  public Object getCredentials() {
    return null;
  }
}
