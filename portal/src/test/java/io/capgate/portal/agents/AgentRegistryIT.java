package io.capgate.portal.agents;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@PortalTest
@RecordApplicationEvents
class AgentRegistryIT {

  @Autowired AgentRegistry registry;
  @Autowired AgentEnrollment enrollment;
  @Autowired EnrollmentTokens tokens;
  @Autowired PortalPki pki;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  @Autowired ApplicationEvents events;

  AgentFixtures agents;
  long organization;
  long project;

  @BeforeEach
  void setUp() {
    agents = new AgentFixtures(tokens, enrollment, pki);
    organization = fixtures.anOrganization();
    project = fixtures.aProject(organization);
  }

  @Test
  void anEnrolledAgentIsListedForReadersOfItsProjectOnly() {
    var operator = fixtures.aUser(organization, Role.OPERATOR);
    var enrolled = agents.enroll(operator, project);
    var developer = fixtures.aUser(organization);
    fixtures.grant(developer, project, Role.DEVELOPER);
    long otherProject = fixtures.aProject(organization);
    var outsider = fixtures.aUser(organization);
    fixtures.grant(outsider, otherProject, Role.DEVELOPER);

    var listed = as(developer, () -> registry.list(project));

    assertThat(listed).singleElement().satisfies(agent -> {
      assertThat(agent.id()).isEqualTo(enrolled.agentId());
      assertThat(agent.hostName()).isEqualTo("db-02.example.internal");
      assertThat(agent.bpftraceVersion()).isNull();
      assertThat(agent.pythonVersions()).containsExactly("3.11.2");
      assertThat(agent.agentVersion()).isNull();
      assertThat(agent.certificateSha256()).isEqualTo(AgentEnrollment.sha256Hex(enrolled.certificateChain().getFirst()));
      assertThat(agent.status()).isEqualTo(AgentStatus.OFFLINE);
    });
    assertThat(events.stream(AuditEvent.class).filter(e -> e.action().equals("agent.enrolled")))
        .singleElement().satisfies(e -> assertThat(e.actor().name()).isEqualTo("system:gateway"));
    assertThatThrownBy(() -> as(outsider, () -> registry.get(enrolled.agentId())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(outsider, () -> registry.list(project))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void onlineWhileHeardFromRecentlyAndLastSeenNeverGoesBack() {
    var operator = fixtures.aUser(organization, Role.OPERATOR);
    String agentId = agents.enroll(operator, project).agentId();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);

    enrollment.recordLastSeen(Map.of(agentId, now));
    enrollment.recordLastSeen(Map.of(agentId, now.minusSeconds(600), "agent-unknown", now));

    var agent = as(operator, () -> registry.get(agentId));
    assertThat(agent.lastSeenAt()).isEqualTo(now);
    assertThat(agent.status()).isEqualTo(AgentStatus.ONLINE);
    jdbc.sql("update agents set last_seen_at = now() - interval '46 seconds' where id = ?").param(agentId).update();
    assertThat(as(operator, () -> registry.get(agentId)).status()).isEqualTo(AgentStatus.OFFLINE);
  }

  @Test
  void revocationRefusesTheCertificateAndIsPublishedOnce() {
    var operator = fixtures.aUser(organization, Role.OPERATOR);
    var enrolled = agents.enroll(operator, project);
    String serial = AgentEnrollment.serialHex(enrolled.certificateChain().getFirst());
    assertThat(enrollment.authenticate(enrolled.agentId(), serial)).isPresent();
    assertThat(enrollment.authenticate(enrolled.agentId(), "ff")).isEmpty();

    var revoked = as(operator, () -> registry.revoke(enrolled.agentId()));
    var again = as(operator, () -> registry.revoke(enrolled.agentId()));

    assertThat(revoked.status()).isEqualTo(AgentStatus.REVOKED);
    assertThat(again).isEqualTo(revoked);
    assertThat(enrollment.authenticate(enrolled.agentId(), serial)).isEmpty();
    assertThat(events.stream(AgentRevoked.class))
        .containsExactly(new AgentRevoked(enrolled.agentId(), organization));
    assertThat(events.stream(AuditEvent.class).filter(e -> e.action().equals("agent.revoked")))
        .singleElement().satisfies(e -> assertThat(e.actor().userId()).isEqualTo(operator.id()));
  }

  @Test
  void onlyAdminsAndOperatorsOfItsOrganizationRevokeAnAgent() {
    var operator = fixtures.aUser(organization, Role.OPERATOR);
    String agentId = agents.enroll(operator, project).agentId();
    var developer = fixtures.aUser(organization);
    fixtures.grant(developer, project, Role.DEVELOPER);
    var stranger = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);

    assertThatThrownBy(() -> as(developer, () -> registry.revoke(agentId))).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(stranger, () -> registry.revoke(agentId))).isInstanceOf(NotFoundException.class);
    assertThat(as(operator, () -> registry.get(agentId)).status()).isNotEqualTo(AgentStatus.REVOKED);
    assertThat(events.stream(AgentRevoked.class)).isEmpty();
  }

  @Test
  void aRefusedCertificateLeavesTheTokenUnusedAndNoAgent() {
    var operator = fixtures.aUser(organization, Role.OPERATOR);
    String secret = agents.aSecret(operator, project);

    assertThatThrownBy(() -> enrollment.enroll(secret, AgentFixtures.HOST, agentId -> {
      throw new IllegalStateException("CSR refused");
    })).hasMessage("CSR refused");

    assertThat(as(operator, () -> registry.list(project))).isEmpty();
    assertThat(as(operator, () -> tokens.list(project))).singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo(TokenStatus.ACTIVE));
  }
}
