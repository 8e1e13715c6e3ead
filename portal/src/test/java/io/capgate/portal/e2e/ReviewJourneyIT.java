package io.capgate.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.TestDatabaseInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The review workflow end to end (the bootstrap admin's first login included), in a real Chromium against the running portal and its real
 * PostgreSQL: the admin creates a project and a service, a developer uploads v1 through the API,
 * a reviewer approves it, the developer uploads v2 adding proc.spawn to one module, the diff shows
 * exactly that, the developer cannot approve it, the reviewer does, v2 becomes active and v1
 * superseded, and the audit log shows each step and verifies. Screenshots of the key pages go to
 * {@code portal/target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(Fixtures.class)
class ReviewJourneyIT {

  private static final String FIRST_PASSWORD = "first-start-password-for-tests";
  private static final String ADMIN_PASSWORD = "correct battery staple 42";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired Fixtures fixtures;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void fromProjectToSupersededVersionWithAVerifiedAuditTrail() throws Exception {
    long org = jdbc.sql("select organization_id from users where username = 'admin'").query(Long.class).single();
    long serviceId = adminCreatesProjectAndService();
    long projectId = jdbc.sql("select project_id from services where id = ?").param(serviceId).query(Long.class).single();
    var developer = fixtures.aUser(org);
    // The developer may review too, so only four eyes (not a missing role) keeps them from approving their own.
    fixtures.grant(developer, projectId, Role.DEVELOPER);
    fixtures.grant(developer, projectId, Role.REVIEWER);
    var reviewer = fixtures.aUser(org);
    fixtures.grant(reviewer, projectId, Role.REVIEWER);
    var auditor = fixtures.aUser(org, Role.AUDITOR);

    try (var dev = new Browser(baseUrl()); var rev = new Browser(baseUrl())) {
      dev.login(developer.username(), Fixtures.PASSWORD);
      String token = createToken(dev);

      var v1 = upload(token, serviceId, Fixtures.aManifestYaml(), "first manifest of checkout-api");
      assertThat(v1.path("version").asInt()).isEqualTo(1);
      assertThat(v1.path("reviewUrl").asString()).endsWith("/services/" + serviceId + "/versions/1");

      rev.login(reviewer.username(), Fixtures.PASSWORD);
      rev.open("reviews");
      rev.waitForText("checkout-api");
      rev.screenshot("04-review-queue");
      approve(rev, serviceId, 1);
      assertThat(rev.text("version-state")).containsIgnoringCase("active");

      var v2 = upload(token, serviceId, Fixtures.aManifestYamlWith("app.main", "proc.spawn"),
          "checkout-api shells out to the PDF renderer");
      assertThat(v2.path("version").asInt()).isEqualTo(2);
      assertExactlyProcSpawnAddedToAppMain(v2.path("diff"));

      dev.open("services/" + serviceId + "/diff/active/2");
      assertThat(dev.text("diff-summary")).isEqualTo("1 module changed: +proc.spawn (risky) in app.main");
      assertThat(dev.text("diff-added-app.main")).contains("proc.spawn").doesNotContain("fs.read");
      dev.screenshot("05-diff-v1-v2");

      dev.open("services/" + serviceId + "/versions/2");
      dev.byId("version-state");
      assertThat(dev.present("version-approve")).as("the author is offered no approve button").isFalse();
      dev.screenshot("06-author-cannot-approve");
      dev.open("reviews");
      assertThat(dev.present("reviews-empty")).as("the author's own request is not in their queue").isTrue();

      approve(rev, serviceId, 2);
      assertThat(rev.text("version-state")).containsIgnoringCase("active");
      rev.open("services/" + serviceId);
      rev.waitForText("SUPERSEDED");
      assertThat(states(serviceId)).containsExactly("SUPERSEDED", "ACTIVE");
      rev.screenshot("07-history-v2-active-v1-superseded");
    }
    auditorSeesEveryStepAndVerifies(auditor);
  }

  private long adminCreatesProjectAndService() throws Exception {
    try (var admin = new Browser(baseUrl())) {
      admin.open("projects");
      admin.byId("vaadinLoginUsername");
      admin.screenshot("01-login");
      admin.login("admin", FIRST_PASSWORD);
      assertThat(admin.pageText()).as("a first login is sent to change the password").contains("still has its first password");
      admin.screenshot("02-first-login-must-change-password");
      admin.type("current-password", FIRST_PASSWORD);
      admin.type("new-password", ADMIN_PASSWORD);
      admin.type("repeat-password", ADMIN_PASSWORD);
      admin.click("change-password");
      admin.byId("projects-grid");

      admin.click("project-create");
      admin.type("project-name", "payments");
      admin.type("project-description", "Card payments");
      admin.click("project-save");
      admin.byId("project-title");
      long projectId = jdbc.sql("select id from projects where name = 'payments'").query(Long.class).single();
      admin.open("projects/" + projectId);
      admin.click("service-register");
      admin.type("service-name", "checkout-api");
      admin.type("service-executable", "/usr/bin/python3.11");
      admin.type("service-arguments", ".*uvicorn checkout.*");
      admin.click("service-save");
      admin.waitForText("checkout-api");
      admin.screenshot("03-project-with-service");
      return jdbc.sql("select id from services where name = 'checkout-api'").query(Long.class).single();
    }
  }

  private String createToken(Browser dev) throws Exception {
    dev.open("tokens");
    dev.type("token-name", "ci upload");
    dev.click("token-create");
    var field = dev.byId("token-value");
    String token = field.getDomProperty("value");
    if (token == null || token.isBlank()) {
      token = field.getText();
    }
    assertThat(token).startsWith("cg_");
    return token.strip();
  }

  private JsonNode upload(String token, long serviceId, String yaml, String reason) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/services/" + serviceId
            + "/manifests?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8)))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/yaml")
        .POST(HttpRequest.BodyPublishers.ofString(yaml)).build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body());
  }

  private static void assertExactlyProcSpawnAddedToAppMain(JsonNode diff) {
    assertThat(diff.path("fromVersion").asInt()).isEqualTo(1);
    assertThat(diff.path("fields").size()).as(diff.toString()).isZero();
    var modules = diff.path("modules");
    assertThat(modules.size()).as(diff.toString()).isEqualTo(1);
    var module = modules.get(0);
    assertThat(module.path("module").asString()).isEqualTo("app.main");
    var added = module.path("capabilities").path("added");
    assertThat(added.size()).as(diff.toString()).isEqualTo(1);
    assertThat(added.get(0).path("name").asString()).isEqualTo("proc.spawn");
    assertThat(added.get(0).path("risky").asBoolean()).isTrue();
    for (String part : new String[] {"capabilities/removed", "syscalls/added", "syscalls/removed", "exec/added",
        "exec/removed"}) {
      assertThat(module.at("/" + part).size()).as(part + " in " + diff).isZero();
    }
  }

  private void approve(Browser reviewer, long serviceId, int version) {
    reviewer.open("services/" + serviceId + "/versions/" + version);
    reviewer.click("version-approve");
    reviewer.type("decision-comment", "Reviewed: matches the design doc");
    reviewer.click("decision-confirm");
    reviewer.waitForVaadin();
    reviewer.open("services/" + serviceId + "/versions/" + version);
  }

  private void auditorSeesEveryStepAndVerifies(CapgateUser auditor) throws Exception {
    try (var browser = new Browser(baseUrl())) {
      browser.login(auditor.username(), Fixtures.PASSWORD);
      browser.open("audit");
      browser.byId("audit-grid");
      for (String action : new String[] {"project.created", "service.registered", "manifest.submitted",
          "approval.approved", "manifest.activated", "manifest.superseded"}) {
        assertThat(actions()).contains(action);
      }
      browser.click("audit-verify");
      browser.waitForText("verified");
      assertThat(browser.text("audit-verify-result")).containsIgnoringCase("verified");
      browser.screenshot("08-audit-log-verified");
      assertThat(browser.all(By.cssSelector("vaadin-grid-cell-content")).stream()
          .anyMatch(cell -> cell.getText().contains("manifest.activated"))).isTrue();
    }
  }

  private java.util.List<String> actions() {
    return jdbc.sql("select distinct action from audit_log").query(String.class).list();
  }

  private java.util.List<String> states(long serviceId) {
    return jdbc.sql("select state from manifest_versions where service_id = ? order by version").param(serviceId)
        .query(String.class).list();
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }
}
