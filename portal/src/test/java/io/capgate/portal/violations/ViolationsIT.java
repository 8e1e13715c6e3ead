package io.capgate.portal.violations;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.protocol.ViolationAction;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.gateway.GatewayServer;
import io.capgate.portal.gateway.GatewayTestSupport;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import io.capgate.portal.traces.AgentStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The live page's filters on violations stored through a real agent session. */
@PortalTest
class ViolationsIT {

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired Violations violations;
  @Autowired Clock clock;

  GatewayTestSupport.Enrolled enrolled;
  long checkout;
  long billing;
  Instant now;

  @BeforeEach
  void storedViolations() {
    var support = new GatewayTestSupport(fixtures, tokens, server, pki);
    enrolled = support.enroll();
    checkout = fixtures.aService(enrolled.projectId());
    billing = fixtures.aService(enrolled.projectId());
    now = clock.instant();
    long recent = now.minus(Duration.ofMinutes(5)).toEpochMilli();
    long old = now.minus(Duration.ofDays(2)).toEpochMilli();
    try (var stream = new AgentStream(support, enrolled)) {
      stream.violation(checkout, "app.main", "execve", ViolationAction.KILLED, recent);
      stream.violation(checkout, "yaml_loader", "openat", ViolationAction.ALERTED, recent + 1);
      stream.violation(billing, "yamlxloader", "connect", ViolationAction.ALERTED, recent + 2);
      stream.violation(billing, "app.main", "execve", ViolationAction.KILLED, old);
      stream.flush();
    }
  }

  ViolationFilter filter(Long service, Instant from, String action, String moduleText) {
    return new ViolationFilter(service, null, from, null, null, null, action, moduleText);
  }

  @Test
  void rowsCarryTheServiceNameAndTheAgentsHost() {
    var page = as(enrolled.operator(), () -> violations.page(ViolationFilter.ofService(checkout), null, 10));

    assertThat(page.items()).hasSize(2).allSatisfy(v -> {
      assertThat(v.host()).isEqualTo("app-01.example.internal");
      assertThat(v.serviceName()).startsWith("service-");
      assertThat(v.key()).isEqualTo(enrolled.agentId() + ":" + v.sequence());
    });
  }

  @Test
  void filtersByProjectActionModuleTextAndTime() {
    var operator = enrolled.operator();
    var byProject = new ViolationFilter(null, null, null, null, null, enrolled.projectId(), null, null);
    assertThat(as(operator, () -> violations.page(byProject, null, 10)).items()).hasSize(4);
    assertThat(as(operator, () -> violations.page(filter(null, null, "KILLED", null), null, 10)).items())
        .extracting(StoredViolation::module).containsExactly("app.main", "app.main");
    assertThat(as(operator, () -> violations.page(filter(null, null, null, "YAML"), null, 10)).items())
        .extracting(StoredViolation::module).containsExactly("yamlxloader", "yaml_loader");
    assertThat(as(operator, () -> violations.page(filter(null, null, null, "l_l"), null, 10)).items())
        .as("_ is a literal, not LIKE's any character").extracting(StoredViolation::module)
        .containsExactly("yaml_loader");
    assertThat(as(operator, () -> violations.page(filter(null, now.minus(Duration.ofHours(1)), null, null), null,
        10)).items()).hasSize(3);
    assertThat(as(operator, () -> violations.page(filter(billing, now.minus(Duration.ofHours(1)), "ALERTED", "yaml"),
        null, 10)).items()).extracting(StoredViolation::syscall).containsExactly("connect");
  }

  @Test
  void matchesAnArrivingViolationTheWayTheQueryDoes() {
    var arriving = new ViolationReceived(enrolled.organizationId(), checkout, enrolled.agentId(), 9, now,
        "app.yaml_loader", "openat", "ALERTED");
    assertThat(filter(checkout, now.minusSeconds(60), "ALERTED", "YAML_").mayMatch(arriving)).isTrue();
    assertThat(filter(billing, null, null, null).mayMatch(arriving)).isFalse();
    assertThat(filter(null, null, "KILLED", null).mayMatch(arriving)).isFalse();
    assertThat(filter(null, now.plusSeconds(1), null, null).mayMatch(arriving)).isFalse();
  }

  @Test
  void anotherOrganizationSeesNoneOfThem() {
    var stranger = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);

    assertThat(as(stranger, () -> violations.page(ViolationFilter.all(), null, 10)).items())
        .extracting(StoredViolation::agentId).doesNotContain(enrolled.agentId());
    assertThatThrownBy(() -> as(stranger, () -> violations.page(
        new ViolationFilter(null, null, null, null, null, enrolled.projectId(), null, null), null, 10)))
        .isInstanceOf(NotFoundException.class);
  }
}
