package io.capgate.portal.gateway;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.CloseNotice;
import io.capgate.model.protocol.CloseReason;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Heartbeat;
import io.capgate.model.protocol.Hello;
import io.capgate.model.protocol.HelloAck;
import io.capgate.portal.agents.AgentEnrollment;
import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.AgentStatus;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sessions over mutual TLS: HELLO, versions, identity, heartbeats, revocation and replacement. */
@PortalTest
class GatewaySessionIT {

  private static final long NOW_MILLIS = 1_767_225_600_000L;

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired AgentRegistry registry;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired AgentEnrollment enrollment;
  @Autowired Clock clock;

  GatewayTestSupport support;

  @BeforeEach
  void setUp() {
    support = new GatewayTestSupport(fixtures, tokens, server, pki);
  }

  @Test
  void helloWithTheIssuedCertificateOpensASessionAndHeartbeatsAreEchoed() {
    var enrolled = support.enroll();

    try (var agent = support.connect(enrolled)) {
      agent.send(new Hello(5, 1, 3, enrolled.agentId(), "0.1.0", GatewayTestSupport.host()));
      var ack = agent.next(HelloAck.class);
      agent.next(Assignments.class);
      agent.send(new Heartbeat(6, NOW_MILLIS));
      var echo = agent.next(Heartbeat.class);

      assertThat(ack.requestId()).isEqualTo(5);
      assertThat(ack.version()).isEqualTo(1);
      assertThat(ack.heartbeatInterval()).isEqualTo(Heartbeat.DEFAULT_INTERVAL);
      assertThat(ack.lastStoredSequence()).isZero();
      assertThat(echo.requestId()).isEqualTo(6);
      assertThat(echo.sentAtMillis()).isGreaterThan(NOW_MILLIS);
    }
    var agent = as(enrolled.operator(), () -> registry.get(enrolled.agentId()));
    assertThat(agent.agentVersion()).isEqualTo("0.1.0");
    assertThat(agent.status()).isEqualTo(AgentStatus.ONLINE);
  }

  @Test
  void heartbeatTimesAreWrittenInOneBatchPerFlush() {
    var first = support.enroll();
    var second = support.enroll();
    var later = Clock.offset(clock, Duration.ofMinutes(3));
    var recorder = new LastSeenRecorder(enrollment, later);

    recorder.seen(first.agentId());
    recorder.seen(second.agentId());
    recorder.flush();

    for (var enrolled : List.of(first, second)) {
      var agent = as(enrolled.operator(), () -> registry.get(enrolled.agentId()));
      assertThat(agent.lastSeenAt()).isAfter(clock.instant().plus(Duration.ofMinutes(2)));
    }
  }

  @Test
  void helloOfferingOnlyUnsupportedVersionsIsRefused() {
    var enrolled = support.enroll();

    try (var agent = support.connect(enrolled)) {
      agent.send(new Hello(1, 2, 9, enrolled.agentId(), "9.0.0", GatewayTestSupport.host()));

      var error = agent.next(ErrorReply.class);
      assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
      assertThat(error.message()).contains("1 to 1", "2 to 9");
      assertThat(agent.closedWithin(TestAgent.WAIT)).isTrue();
    }
  }

  @Test
  void helloWithAnotherAgentsIdIsUnauthorized() {
    var enrolled = support.enroll();
    var other = support.enroll();

    try (var agent = support.connect(enrolled)) {
      agent.send(GatewayTestSupport.hello(other.agentId()));

      assertThat(agent.next(ErrorReply.class).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
      assertThat(agent.closedWithin(TestAgent.WAIT)).isTrue();
    }
  }

  @Test
  void revokingAConnectedAgentClosesItsSessionAtOnceAndRefusesItAfter() {
    var enrolled = support.enroll();

    try (var agent = support.openSession(enrolled)) {
      as(enrolled.operator(), () -> registry.revoke(enrolled.agentId()));

      assertThat(agent.closedWithin(Duration.ofSeconds(1))).as("closed within 1 s").isTrue();
      assertThat(agent.next(CloseNotice.class).reason()).isEqualTo(CloseReason.REVOKED);
    }
    try (var agent = support.connect(enrolled)) {
      agent.send(GatewayTestSupport.hello(enrolled.agentId()));

      var error = agent.next(ErrorReply.class);
      assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
      assertThat(error.message()).contains("revoked");
      assertThat(agent.closedWithin(TestAgent.WAIT)).isTrue();
    }
  }

  @Test
  void aNewerSessionReplacesTheOlderOne() {
    var enrolled = support.enroll();

    try (var first = support.openSession(enrolled); var second = support.openSession(enrolled)) {
      assertThat(first.next(CloseNotice.class).reason()).isEqualTo(CloseReason.REPLACED);
      assertThat(first.closedWithin(TestAgent.WAIT)).isTrue();
      second.send(new Heartbeat(2, NOW_MILLIS));
      assertThat(second.next(Heartbeat.class).requestId()).isEqualTo(2);
    }
  }

  @Test
  void aCertificateFromAnotherCaFailsTheHandshake() throws Exception {
    var enrolled = support.enroll();
    var foreignKeys = AgentKeys.ecKeyPair();
    var foreign = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
        new X500Name("CN=" + enrolled.agentId()), BigInteger.TEN,
        Date.from(clock.instant().minusSeconds(60)), Date.from(clock.instant().plusSeconds(3600)),
        new X500Name("CN=" + enrolled.agentId()), foreignKeys.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(foreignKeys.getPrivate())));
    var forged = new GatewayTestSupport.Enrolled(enrolled.agentId(), foreignKeys, List.of(foreign),
        enrolled.organizationId(), enrolled.projectId(), enrolled.operator());

    try (var agent = support.connect(forged)) {
      agent.send(GatewayTestSupport.hello(enrolled.agentId()));

      assertThat(agent.closedWithin(TestAgent.WAIT)).isTrue();
      assertThat(agent.pending()).isEmpty();
      assertThat(agent.awaitFailure()).hasRootCauseInstanceOf(SSLException.class);
    }
  }

  @Test
  void dataBeforeHelloIsUnexpectedButTheConnectionStays() {
    var enrolled = support.enroll();

    try (var agent = support.connect(enrolled)) {
      agent.send(new Heartbeat(4, NOW_MILLIS));
      var error = agent.next(ErrorReply.class);
      agent.send(GatewayTestSupport.hello(enrolled.agentId()));

      assertThat(error.code()).isEqualTo(ErrorCode.UNEXPECTED_MESSAGE);
      assertThat(error.requestId()).isEqualTo(4);
      assertThat(agent.next(HelloAck.class).version()).isEqualTo(1);
    }
  }
}
