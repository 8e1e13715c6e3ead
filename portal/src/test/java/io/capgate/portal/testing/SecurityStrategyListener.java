package io.capgate.portal.testing;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Points {@link SecurityContextHolder} at the strategy of the test's own application context before
 * each test. Vaadin installs a new global strategy whenever a context starts, so after a test with
 * another context (a web-environment browser test) the shared {@code @PortalTest} context's method
 * security would read a different holder than {@link Fixtures#as} writes. Registered for every test
 * in {@code META-INF/spring.factories}.
 */
public class SecurityStrategyListener extends AbstractTestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      testContext.getApplicationContext().getBeanProvider(SecurityContextHolderStrategy.class)
          .ifUnique(SecurityContextHolder::setContextHolderStrategy);
    }
  }

  /** Before Spring Security's own listeners, which set up {@code @WithMockUser} users in the holder. */
  @Override
  public int getOrder() {
    return 100;
  }
}
