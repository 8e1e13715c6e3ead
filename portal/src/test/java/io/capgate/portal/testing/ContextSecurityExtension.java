package io.capgate.portal.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Before each {@link PortalTest} test, points {@code SecurityContextHolder} at the strategy of the
 * test's own application context (see {@link Fixtures#useThisContextsSecurity()}), so no test class
 * has to remember to and the order in which contexts start does not matter.
 */
class ContextSecurityExtension implements BeforeEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    SpringExtension.getApplicationContext(context).getBean(Fixtures.class).useThisContextsSecurity();
  }
}
