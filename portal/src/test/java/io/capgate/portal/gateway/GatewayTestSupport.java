package io.capgate.portal.gateway;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.Bytes;
import io.capgate.model.protocol.EnrollAccepted;
import io.capgate.model.protocol.EnrollRequest;
import io.capgate.model.protocol.Hello;
import io.capgate.model.protocol.HelloAck;
import io.capgate.model.protocol.HostFacts;
import io.capgate.model.protocol.ManifestKey;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Steps gateway tests share: an operator with a token, enrolling over the wire, opening a session. */
public final class GatewayTestSupport {

  /** An agent enrolled through the gateway, with what it needs to reconnect. */
  public record Enrolled(String agentId, KeyPair keys, List<X509Certificate> chain, long organizationId, long projectId,
      CapgateUser operator) {}

  private final Fixtures fixtures;
  private final EnrollmentTokens tokens;
  private final GatewayServer server;
  private final PortalPki pki;
  private final Map<String, List<ManifestKey>> signingKeys = new ConcurrentHashMap<>();

  public GatewayTestSupport(Fixtures fixtures, EnrollmentTokens tokens, GatewayServer server, PortalPki pki) {
    this.fixtures = fixtures;
    this.tokens = tokens;
    this.server = server;
    this.pki = pki;
  }

  static HostFacts host() {
    return new HostFacts("app-01.example.internal", "6.8.0-45-generic", Optional.of("0.21.2"),
        List.of("3.11.9", "3.12.3"));
  }

  public static Hello hello(String agentId) {
    return new Hello(1, 1, 1, agentId, "0.1.0", host());
  }

  CapgateUser anOperator(long organizationId) {
    return fixtures.aUser(organizationId, Role.OPERATOR);
  }

  String aToken(CapgateUser user, long projectId) {
    return as(user, () -> tokens.create(projectId, "test", null)).value();
  }

  TestAgent unenrolled() {
    return TestAgent.withoutCertificate(server.port(), pki.presentedCa());
  }

  public TestAgent connect(Enrolled agent) {
    return TestAgent.withCertificate(server.port(), pki.presentedCa(), agent.keys(), agent.chain());
  }

  /** A new organization, project and operator, and an agent enrolled into that project over the wire. */
  public Enrolled enroll() {
    long organization = fixtures.anOrganization();
    long project = fixtures.aProject(organization);
    return enroll(organization, project, anOperator(organization));
  }

  /** An agent enrolled over the wire into the project, with a token the operator (ORG_ADMIN or OPERATOR) makes. */
  public Enrolled enroll(long organization, long project, CapgateUser operator) {
    var keys = AgentKeys.ecKeyPair();
    try (var agent = unenrolled()) {
      agent.send(new EnrollRequest(1, aToken(operator, project), Bytes.of(AgentKeys.csr(keys)), host()));
      var accepted = agent.next(EnrollAccepted.class);
      signingKeys.put(accepted.agentId(), accepted.signingKeys());
      return new Enrolled(accepted.agentId(), keys, certificates(accepted), organization, project, operator);
    }
  }

  /** The manifest signing keys the agent received in ENROLL_ACCEPTED. */
  public List<ManifestKey> signingKeys(Enrolled enrolled) {
    return signingKeys.get(enrolled.agentId());
  }

  /**
   * Connects with the agent's certificate, opens a session and takes the ASSIGNMENTS that follows HELLO_ACK, so
   * the next message is whatever the test provokes.
   */
  public TestAgent openSession(Enrolled enrolled) {
    var agent = helloOnly(enrolled);
    agent.next(Assignments.class);
    return agent;
  }

  /** Connects and opens a session, leaving the ASSIGNMENTS that follows HELLO_ACK to the caller. */
  public TestAgent helloOnly(Enrolled enrolled) {
    var agent = connect(enrolled);
    agent.send(hello(enrolled.agentId()));
    assertThat(agent.next(HelloAck.class).version()).isEqualTo(1);
    return agent;
  }

  static List<X509Certificate> certificates(EnrollAccepted accepted) {
    return accepted.certificateChain().stream().map(GatewayTestSupport::certificate).toList();
  }

  private static X509Certificate certificate(Bytes der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der.toArray()));
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }
}
