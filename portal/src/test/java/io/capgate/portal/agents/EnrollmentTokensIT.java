package io.capgate.portal.agents;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.protocol.EnrollmentTokenFormat;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@PortalTest
@RecordApplicationEvents
class EnrollmentTokensIT {

  @Autowired EnrollmentTokens tokens;
  @Autowired EnrollmentEndpoint endpoint;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEvents events;
  @Autowired AgentEnrollment enrollment;
  @Autowired PortalPki pki;

  AgentFixtures agents;
  long organization;
  long project;

  @BeforeEach
  void setUp() {
    organization = fixtures.anOrganization();
    project = fixtures.aProject(organization);
    agents = new AgentFixtures(tokens, enrollment, pki);
  }

  @Test
  void anOperatorGetsTheTokenOnceAndThePortalKeepsOnlyItsHash() {
    var operator = fixtures.aUser(organization, Role.OPERATOR);

    var created = as(operator, () -> tokens.create(project, "  web-01  ", null));

    var token = EnrollmentTokenFormat.parse(created.value());
    assertThat(token.host()).isEqualTo(endpoint.host());
    assertThat(token.port()).isEqualTo(endpoint.port()).isPositive();
    assertThat(token.caFingerprint()).isEqualTo(endpoint.caFingerprint());
    assertThat(created.toString()).doesNotContain(token.secret());
    String row = jdbc.sql("select row_to_json(t)::text from enrollment_tokens t where id = ?")
        .param(created.token().id()).query(String.class).single();
    assertThat(row).doesNotContain(token.secret()).contains(Secrets.sha256Hex(token.secret()));
    var listed = as(operator, () -> tokens.list(project));
    assertThat(listed).containsExactly(created.token());
    assertThat(created.token().description()).isEqualTo("web-01");
    assertThat(created.token().status()).isEqualTo(TokenStatus.ACTIVE);
    assertThat(created.token().createdBy()).isEqualTo(operator.username());
    assertThat(Duration.between(created.token().createdAt(), created.token().expiresAt()))
        .isEqualTo(EnrollmentTokens.DEFAULT_VALIDITY);
    assertThat(events.stream(AuditEvent.class)).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("enrollment_token.created");
      assertThat(e.organizationId()).isEqualTo(organization);
      assertThat(e.after().toString()).doesNotContain(token.secret());
    });
  }

  @Test
  void validityIsBoundedAndDescriptionsShort() {
    var admin = fixtures.aUser(organization, Role.ORG_ADMIN);

    var month = as(admin, () -> tokens.create(project, null, EnrollmentTokens.MAX_VALIDITY));

    assertThat(Duration.between(month.token().createdAt(), month.token().expiresAt()))
        .isEqualTo(Duration.ofDays(30));
    for (var validity : new Duration[] {Duration.ofDays(31), Duration.ZERO, Duration.ofHours(-1)}) {
      assertThatThrownBy(() -> as(admin, () -> tokens.create(project, "", validity)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 30 days");
    }
    assertThatThrownBy(() -> as(admin, () -> tokens.create(project, "x".repeat(201), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200 characters");
  }

  @Test
  void onlyAdminsAndOperatorsOfTheProjectsOrganizationCreateTokens() {
    var developer = fixtures.aUser(organization);
    fixtures.grant(developer, project, Role.DEVELOPER);
    var auditor = fixtures.aUser(organization, Role.AUDITOR);
    var stranger = fixtures.aUser(fixtures.anOrganization(), Role.OPERATOR);

    assertThatThrownBy(() -> as(developer, () -> tokens.create(project, "", null)))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(auditor, () -> tokens.create(project, "", null)))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(as(auditor, () -> tokens.list(project))).isEmpty();
    assertThatThrownBy(() -> as(stranger, () -> tokens.create(project, "", null)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(stranger, () -> tokens.list(project))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> tokens.create(project, "", null))
        .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
  }

  @Test
  void revokingAnUnusedTokenIsAuditedOnceAndHiddenFromOtherOrganizations() {
    var operator = fixtures.aUser(organization, Role.OPERATOR);
    var stranger = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);
    long id = as(operator, () -> tokens.create(project, "", null)).token().id();

    assertThatThrownBy(() -> as(stranger, () -> tokens.revoke(id))).isInstanceOf(NotFoundException.class);
    var revoked = as(operator, () -> tokens.revoke(id));
    var again = as(operator, () -> tokens.revoke(id));

    assertThat(revoked.status()).isEqualTo(TokenStatus.REVOKED);
    assertThat(again).isEqualTo(revoked);
    assertThat(events.stream(AuditEvent.class).map(AuditEvent::action))
        .containsExactly("enrollment_token.created", "enrollment_token.revoked");
  }

  @Test
  void aUsedTokenCannotBeRevoked() {
    var operator = fixtures.aUser(organization, Role.OPERATOR);
    var enrolled = agents.enroll(operator, project);
    long id = as(operator, () -> tokens.list(project)).getFirst().id();

    assertThatThrownBy(() -> as(operator, () -> tokens.revoke(id))).isInstanceOf(ConflictException.class)
        .hasMessageContaining(enrolled.agentId()).hasMessageContaining("revoke the agent");
  }
}
