package io.capgate.portal.agents;

import static io.capgate.portal.testing.Fixtures.as;

import io.capgate.model.protocol.EnrollmentTokenFormat;
import io.capgate.model.protocol.HostFacts;
import io.capgate.portal.gateway.AgentKeys;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.security.CapgateUser;
import java.util.List;
import java.util.Optional;

/** Agents enrolled straight through the service, without the gateway: {@link #enroll}. */
final class AgentFixtures {

  static final HostFacts HOST = new HostFacts("db-02.example.internal", "6.1.0-18-amd64", Optional.empty(),
      List.of("3.11.2"));

  private final EnrollmentTokens tokens;
  private final AgentEnrollment enrollment;
  private final PortalPki pki;

  AgentFixtures(EnrollmentTokens tokens, AgentEnrollment enrollment, PortalPki pki) {
    this.tokens = tokens;
    this.enrollment = enrollment;
    this.pki = pki;
  }

  /** A token created by {@code user} for the project, and its secret. */
  String aSecret(CapgateUser user, long projectId) {
    return EnrollmentTokenFormat.parse(as(user, () -> tokens.create(projectId, "", null)).value()).secret();
  }

  /** An agent enrolled into the project with a token {@code user} creates. */
  EnrolledAgent enroll(CapgateUser user, long projectId) {
    byte[] csr = AgentKeys.csr(AgentKeys.ecKeyPair());
    return enrollment.enroll(aSecret(user, projectId), HOST, agentId -> pki.issueClientCertificate(agentId, csr));
  }
}
