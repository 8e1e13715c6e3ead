package io.capgate.portal.gateway;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.protocol.Bytes;
import io.capgate.model.protocol.EnrollAccepted;
import io.capgate.model.protocol.EnrollRequest;
import io.capgate.model.protocol.EnrollmentTokenFormat;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Heartbeat;
import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.AgentStatus;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.agents.TokenStatus;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Enrollment over real TLS on loopback against the real database: tokens, CSRs and what gets registered. */
@PortalTest
class GatewayEnrollmentIT {

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired AgentRegistry registry;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired JdbcClient jdbc;

  GatewayTestSupport support;
  long organization;
  long project;

  @BeforeEach
  void setUp() {
    support = new GatewayTestSupport(fixtures, tokens, server, pki);
    organization = fixtures.anOrganization();
    project = fixtures.aProject(organization);
  }

  @Test
  void aFreshTokenEnrollsTheAgentIntoItsProject() throws Exception {
    var operator = support.anOperator(organization);
    var keys = AgentKeys.ecKeyPair();

    EnrollAccepted accepted;
    try (var agent = support.unenrolled()) {
      agent.send(new EnrollRequest(7, support.aToken(operator, project), Bytes.of(AgentKeys.csr(keys)),
          GatewayTestSupport.host()));
      accepted = agent.next(EnrollAccepted.class);
      assertThat(agent.closedWithin(TestAgent.WAIT)).as("enrollment connection closed").isTrue();
    }

    assertThat(accepted.requestId()).isEqualTo(7);
    assertThat(accepted.agentId()).matches("agent-[0-9a-f]{24}");
    var certificate = GatewayTestSupport.certificates(accepted).getFirst();
    assertThat(accepted.certificateChain()).hasSize(1);
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + accepted.agentId());
    assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    certificate.verify(pki.caCertificate().getPublicKey());

    var agent = as(operator, () -> registry.get(accepted.agentId()));
    assertThat(agent.organizationId()).isEqualTo(organization);
    assertThat(agent.projectId()).isEqualTo(project);
    assertThat(agent.hostName()).isEqualTo("app-01.example.internal");
    assertThat(agent.kernel()).isEqualTo("6.8.0-45-generic");
    assertThat(agent.bpftraceVersion()).isEqualTo("0.21.2");
    assertThat(agent.pythonVersions()).containsExactly("3.11.9", "3.12.3");
    assertThat(agent.certificateSerial()).isEqualTo(certificate.getSerialNumber().toString(16));
    assertThat(agent.status()).isEqualTo(AgentStatus.OFFLINE);
    assertThat(as(operator, () -> tokens.list(project))).singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo(TokenStatus.USED))
        .satisfies(t -> assertThat(t.usedByAgent()).isEqualTo(accepted.agentId()));
  }

  @Test
  void aTokenEnrollsOnlyOnce() {
    var token = support.aToken(support.anOperator(organization), project);
    enroll(token, AgentKeys.ecKeyPair());

    var refused = enrollRefused(token, AgentKeys.ecKeyPair());

    assertThat(refused.code()).isEqualTo(ErrorCode.ENROLLMENT_TOKEN_USED);
  }

  @Test
  void anExpiredTokenIsRefusedAndStaysUnused() {
    var operator = support.anOperator(organization);
    var token = support.aToken(operator, project);
    jdbc.sql("""
        update enrollment_tokens set created_at = now() - interval '2 days', expires_at = now() - interval '1 day'
        where project_id = ?""").param(project).update();

    assertThat(enrollRefused(token, AgentKeys.ecKeyPair()).code()).isEqualTo(ErrorCode.ENROLLMENT_TOKEN_EXPIRED);
    assertThat(as(operator, () -> tokens.list(project))).singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo(TokenStatus.EXPIRED));
  }

  @Test
  void revokedUnknownAndMalformedTokensAreInvalid() {
    var operator = support.anOperator(organization);
    var revoked = support.aToken(operator, project);
    as(operator, () -> tokens.revoke(as(operator, () -> tokens.list(project)).getFirst().id()));
    var parsed = EnrollmentTokenFormat.parse(support.aToken(operator, project));
    var unknown = new EnrollmentTokenFormat.Token(parsed.host(), parsed.port(), parsed.caFingerprint(),
        "x".repeat(43)).encode();

    assertThat(enrollRefused(revoked, AgentKeys.ecKeyPair()).code()).isEqualTo(ErrorCode.ENROLLMENT_TOKEN_INVALID);
    assertThat(enrollRefused(unknown, AgentKeys.ecKeyPair()).code()).isEqualTo(ErrorCode.ENROLLMENT_TOKEN_INVALID);
    var malformed = enrollRefused("not-a-token", AgentKeys.ecKeyPair());
    assertThat(malformed.code()).isEqualTo(ErrorCode.ENROLLMENT_TOKEN_INVALID);
    assertThat(malformed.message()).doesNotContain("not-a-token");
  }

  @Test
  void aRejectedCsrLeavesTheTokenUsable() {
    var token = support.aToken(support.anOperator(organization), project);
    var keys = AgentKeys.ecKeyPair();

    var noPossession = enrollRefused(token, AgentKeys.csrWithoutPossession(keys.getPublic(), AgentKeys.ecKeyPair()));
    var weakKey = enrollRefused(token, AgentKeys.csr(AgentKeys.rsaKeyPair(1024)));

    assertThat(noPossession.code()).isEqualTo(ErrorCode.CSR_REJECTED);
    assertThat(noPossession.message()).contains("does not verify");
    assertThat(weakKey.code()).isEqualTo(ErrorCode.CSR_REJECTED);
    assertThat(weakKey.message()).contains("1024 bits");
    assertThat(enroll(token, keys).agentId()).startsWith("agent-");
  }

  @Test
  void aTokenOfAnotherOrganizationEnrollsIntoThatOrganizationOnly() {
    long otherOrganization = fixtures.anOrganization();
    long otherProject = fixtures.aProject(otherOrganization);
    var otherOperator = support.anOperator(otherOrganization);
    var admin = fixtures.aUser(organization, Role.ORG_ADMIN);

    var accepted = enroll(support.aToken(otherOperator, otherProject), AgentKeys.ecKeyPair());

    var agent = as(otherOperator, () -> registry.get(accepted.agentId()));
    assertThat(agent.organizationId()).isEqualTo(otherOrganization);
    assertThat(agent.projectId()).isEqualTo(otherProject);
    assertThatThrownBy(() -> as(admin, () -> registry.get(accepted.agentId())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(admin, () -> registry.revoke(accepted.agentId())))
        .isInstanceOf(NotFoundException.class);
    assertThat(as(admin, () -> registry.list(project))).isEmpty();
  }

  @Test
  void withoutACertificateOnlyEnrollmentIsAccepted() {
    try (var agent = support.unenrolled()) {
      agent.send(GatewayTestSupport.hello("agent-000000000000000000000000"));

      var error = agent.next(ErrorReply.class);
      assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
      assertThat(error.requestId()).isEqualTo(1);
      assertThat(agent.closedWithin(TestAgent.WAIT)).isTrue();
    }
    try (var agent = support.unenrolled()) {
      agent.send(new Heartbeat(3, 1_767_225_600_000L));

      assertThat(agent.next(ErrorReply.class).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
      assertThat(agent.closedWithin(Duration.ofSeconds(1))).isTrue();
    }
  }

  private EnrollAccepted enroll(String token, KeyPair keys) {
    try (var agent = support.unenrolled()) {
      agent.send(new EnrollRequest(1, token, Bytes.of(AgentKeys.csr(keys)), GatewayTestSupport.host()));
      return agent.next(EnrollAccepted.class);
    }
  }

  private ErrorReply enrollRefused(String token, KeyPair keys) {
    return enrollRefused(token, AgentKeys.csr(keys));
  }

  private ErrorReply enrollRefused(String token, byte[] csr) {
    try (var agent = support.unenrolled()) {
      agent.send(new EnrollRequest(1, token, Bytes.of(csr), GatewayTestSupport.host()));
      var error = agent.next(ErrorReply.class);
      assertThat(agent.closedWithin(TestAgent.WAIT)).as("closed after %s", error.code()).isTrue();
      return error;
    }
  }
}
