package io.capgate.portal;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the package-by-feature boundaries honest: no cycles between features, no reach into
 * another feature's internal packages, and only the dependencies each package-info allows.
 */
class ModularityTest {

  @Test
  void featuresOnlyUseWhatTheyDeclare() {
    ApplicationModules.of(CapgatePortalApplication.class).verify();
  }
}
