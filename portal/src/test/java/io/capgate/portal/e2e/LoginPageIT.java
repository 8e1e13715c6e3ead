package io.capgate.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.testing.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** The first start in a real browser: the admin signs in with the first password and must change it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class LoginPageIT {

  @LocalServerPort int port;

  @Test
  void theFirstLoginIsSentToChangeThePassword() throws Exception {
    try (var browser = new Browser("http://localhost:" + port)) {
      browser.open("projects");
      browser.byId("vaadinLoginUsername");
      browser.screenshot("01-login");

      browser.login("admin", "first-start-password-for-tests");

      browser.byId("current-password");
      assertThat(browser.pageText()).contains("still has its first password");
      browser.screenshot("02-change-password");
    }
  }
}
