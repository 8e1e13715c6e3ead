package io.capgate.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.ViolationAction;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.gateway.GatewayServer;
import io.capgate.portal.gateway.GatewayTestSupport;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.TestDatabaseInitializer;
import io.capgate.portal.traces.AgentStream;
import io.capgate.portal.violations.ViolationFeed;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Live violations in a real Chromium against the running portal: a signed-in operator keeps {@code /violations}
 * open, an agent stores a violation over its real TLS session (the gateway's path into the ingest sink), and the
 * row appears by push, without a reload, within a deadline; an operator of another organization, with the page
 * open at the same time, sees their own organization's violation arrive and never the first one. Screenshots go to
 * {@code portal/target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(Fixtures.class)
class LiveViolationsIT {

  /** Generous for a loaded 2-core machine; the measured time is printed and is far below it. */
  static final Duration DEADLINE = Duration.ofSeconds(5);

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired ViolationFeed feed;
  @Autowired Clock clock;

  @Test
  void aStoredViolationAppearsInTheOpenPageWithoutReloadAndOnlyInItsOrganization() throws Exception {
    var support = new GatewayTestSupport(fixtures, tokens, server, pki);
    var ours = support.enroll();
    var theirs = support.enroll();
    long ourService = fixtures.aService(ours.projectId());
    long theirService = fixtures.aService(theirs.projectId());

    try (var ourBrowser = new Browser(baseUrl()); var theirBrowser = new Browser(baseUrl())) {
      openViolations(ourBrowser, ours);
      openViolations(theirBrowser, theirs);
      ourBrowser.screenshot("20-live-violations-empty");

      String ourKey;
      long sent = System.nanoTime();
      try (var stream = new AgentStream(support, ours)) {
        ourKey = stream.violation(ourService, "app.main", "execve", ViolationAction.KILLED, clock.millis());
        stream.flush();
      }
      long acknowledged = System.nanoTime();
      awaitRow(ourBrowser, ourKey);
      long shown = System.nanoTime();
      System.out.printf("LiveViolationsIT: agent send to row in the browser %d ms (send to ACK, i.e. stored and "
          + "committed, %d ms; ACK to row %d ms)%n", Duration.ofNanos(shown - sent).toMillis(),
          Duration.ofNanos(acknowledged - sent).toMillis(), Duration.ofNanos(shown - acknowledged).toMillis());
      assertThat(ourBrowser.pageText()).contains("app.main").contains("execve").contains("KILLED")
          .contains("app-01.example.internal");
      ourBrowser.driver().findElement(row(ourKey)).click();
      ourBrowser.waitForText("/srv/app/main.py:42 in handler");
      ourBrowser.screenshot("21-live-violation-arrived-with-stack");

      String theirKey;
      try (var stream = new AgentStream(support, theirs)) {
        theirKey = stream.violation(theirService, "billing.export", "connect", ViolationAction.ALERTED,
            clock.millis());
        stream.flush();
      }
      // Their own, later violation arrived, so ours would have too had it leaked across organizations.
      awaitRow(theirBrowser, theirKey);
      assertThat(theirBrowser.all(row(ourKey))).as("another organization's violation").isEmpty();
      assertThat(theirBrowser.pageText()).doesNotContain("app.main");
      theirBrowser.screenshot("22-other-organization-sees-only-its-own");
      ourBrowser.waitForVaadin();
      assertThat(ourBrowser.all(row(theirKey))).isEmpty();
    }
  }

  @Test
  void aDeveloperReviewsObservedBehaviourAndTurnsItIntoADraft() throws Exception {
    var support = new GatewayTestSupport(fixtures, tokens, server, pki);
    var agent = support.enroll();
    long service = fixtures.aService(agent.projectId());
    var developer = fixtures.aUser(agent.organizationId(), Role.DEVELOPER);
    long t0 = clock.millis() - Duration.ofMinutes(30).toMillis();
    long t1 = clock.millis() - Duration.ofMinutes(1).toMillis();
    try (var stream = new AgentStream(support, agent)) {
      stream.observe(service, "app.main", "openat", null, 120, t0, t1)
          .observe(service, "app.main", "execve", "/bin/sh", 2, t1, t1)
          .observe(service, "uvicorn", "accept4", null, 40, t0, t1)
          .drops(service, 0, 0, 5, t0, t1)
          .flush();
    }

    try (var browser = new Browser(baseUrl())) {
      browser.login(developer.username(), Fixtures.PASSWORD);
      browser.open("services/" + service);
      browser.click("service-traces");
      browser.byId("traces-completeness");
      assertThat(browser.text("traces-completeness")).contains("5 kernel events lost");
      assertThat(browser.text("traces-not-allowed")).contains("execve (proc.spawn)").contains("exec /bin/sh");
      browser.screenshot("23-trace-review");
      browser.click("traces-turn-into-draft");
      browser.byId("version-state");
      assertThat(browser.text("version-state")).containsIgnoringCase("draft");
      browser.screenshot("24-draft-from-observations");
    }
  }

  private void openViolations(Browser browser, GatewayTestSupport.Enrolled agent) {
    int before = feed.subscribers(agent.organizationId());
    browser.login(agent.operator().username(), Fixtures.PASSWORD);
    browser.open("violations");
    browser.byId("violations-grid");
    // The view subscribes when it attaches; wait for that rather than for time to pass.
    new WebDriverWait(browser.driver(), DEADLINE)
        .until(d -> feed.subscribers(agent.organizationId()) > before);
  }

  private static void awaitRow(Browser browser, String key) {
    new WebDriverWait(browser.driver(), DEADLINE).pollingEvery(Duration.ofMillis(20))
        .until(ExpectedConditions.presenceOfElementLocated(row(key)));
  }

  private static By row(String key) {
    return By.cssSelector("[data-violation-key='" + key + "']");
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }
}
