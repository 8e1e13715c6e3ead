package io.capgate.portal.base.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Browserless UI tests on the shared {@link PortalTest} context. The principal must be a
 * {@link CapgateUser} of the test's own organization, so tests sign in a {@link Fixtures} user with
 * {@link #signIn(CapgateUser)} and then navigate (the base class's first navigation happens anonymously).
 */
@PortalTest
public abstract class BrowserlessPortalTest extends SpringBrowserlessTest {

  @Autowired protected Fixtures fixtures;

  /** Makes {@code user} the signed-in user for the views and the services they call. */
  protected void signIn(CapgateUser user) {
    SecurityContextHolder.getContext()
        .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }
}
