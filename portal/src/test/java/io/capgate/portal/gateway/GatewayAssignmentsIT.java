package io.capgate.portal.gateway;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.protocol.Ack;
import io.capgate.model.protocol.AssignmentStatus;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.HelloAck;
import io.capgate.model.protocol.ManifestKey;
import io.capgate.model.protocol.ProcessMatcher;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.ServiceAssignment;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.SignedManifest;
import io.capgate.model.protocol.StatusReason;
import io.capgate.portal.agents.AgentAssignments;
import io.capgate.portal.agents.AssignmentProtection;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.ui.ReviewScenario;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.manifests.ManifestVersionDetails;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * ASSIGNMENTS over real TLS: complete and signed after HELLO_ACK, pushed live after every change with a higher
 * revision, and ASSIGNMENT_STATUS stored and acknowledged.
 */
@PortalTest
class GatewayAssignmentsIT {

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  @Autowired AgentAssignments assignments;

  GatewayTestSupport support;
  ReviewScenario scenario;
  CapgateUser operator;
  GatewayTestSupport.Enrolled enrolled;

  @BeforeEach
  void setUp() {
    support = new GatewayTestSupport(fixtures, tokens, server, pki);
    scenario = new ReviewScenario(fixtures, versions, approvals);
    operator = fixtures.aUser(scenario.organization, Role.OPERATOR);
    enrolled = support.enroll(scenario.organization, scenario.project, operator);
  }

  @Test
  void assignmentsFollowHelloAckWithTheActiveVersionSignedByTheKeyFromEnrollment() {
    var v1 = scenario.active(Fixtures.aManifestYaml());
    as(operator, () -> assignments.assign(enrolled.agentId(), scenario.service, ServiceMode.KILL));

    try (var agent = support.connect(enrolled)) {
      agent.send(GatewayTestSupport.hello(enrolled.agentId()));
      agent.next(HelloAck.class);
      var sent = agent.next(Assignments.class);

      assertThat(sent.revision()).isEqualTo(1);
      var service = sent.services().getFirst();
      assertThat(sent.services()).hasSize(1);
      assertThat(service.serviceId()).isEqualTo(Long.toString(scenario.service));
      assertThat(service.name()).startsWith("service-");
      assertThat(service.matcher()).isEqualTo(new ProcessMatcher.Executable("/usr/bin/python3.11", ""));
      assertThat(service.mode()).isEqualTo(ServiceMode.KILL);
      var manifest = service.manifest().orElseThrow();
      assertSignedVersion(manifest, v1);
      var key = support.signingKeys(enrolled).getFirst();
      assertThat(manifest.signingKeyId()).isEqualTo(key.keyId());
      assertThat(verifies(key, manifest.manifest().toArray(), manifest.signature().toArray())).isTrue();
      byte[] tampered = manifest.manifest().toArray();
      tampered[tampered.length / 2] ^= 1;
      assertThat(verifies(key, tampered, manifest.signature().toArray())).isFalse();
    }
  }

  @Test
  void anAgentWithNothingAssignedGetsAnEmptySetAndThenObservesWithoutAManifest() {
    try (var agent = support.helloOnly(enrolled)) {
      var empty = agent.next(Assignments.class);
      as(operator, () -> assignments.assign(enrolled.agentId(), scenario.service, ServiceMode.OBSERVE));
      var observing = agent.next(Assignments.class);

      assertThat(empty.revision()).isZero();
      assertThat(empty.services()).isEmpty();
      assertThat(observing.revision()).isEqualTo(1);
      assertThat(observing.services()).singleElement().satisfies(s -> {
        assertThat(s.mode()).isEqualTo(ServiceMode.OBSERVE);
        assertThat(s.manifest()).isEmpty();
      });
    }
  }

  @Test
  void everyChangeIsPushedLiveWithAHigherRevision() {
    try (var agent = support.helloOnly(enrolled)) {
      long revision = agent.next(Assignments.class).revision();
      as(operator, () -> assignments.assign(enrolled.agentId(), scenario.service, ServiceMode.OBSERVE));
      var assigned = next(agent, revision);
      scenario.active(Fixtures.aManifestYaml());
      var activated = next(agent, assigned.revision());
      as(operator, () -> assignments.changeMode(enrolled.agentId(), scenario.service, ServiceMode.ALERT));
      var alerting = next(agent, activated.revision());
      as(operator, () -> assignments.unassign(enrolled.agentId(), scenario.service));
      var released = next(agent, alerting.revision());

      assertThat(only(assigned).manifest()).isEmpty();
      assertThat(only(activated).manifest()).isPresent();
      assertThat(only(activated).mode()).isEqualTo(ServiceMode.OBSERVE);
      assertThat(only(alerting).mode()).isEqualTo(ServiceMode.ALERT);
      assertThat(released.services()).isEmpty();
    }
  }

  @Test
  void activatingVersionTwoPushesVersionTwo() {
    var v1 = scenario.active(Fixtures.aManifestYaml());
    as(operator, () -> assignments.assign(enrolled.agentId(), scenario.service, ServiceMode.KILL));

    try (var agent = support.helloOnly(enrolled)) {
      var first = agent.next(Assignments.class);
      var v2 = scenario.active(Fixtures.aManifestYamlWith("app.main", "proc.spawn"));
      var second = next(agent, first.revision());

      assertSignedVersion(only(first).manifest().orElseThrow(), v1);
      assertSignedVersion(only(second).manifest().orElseThrow(), v2);
      assertThat(only(second).mode()).isEqualTo(ServiceMode.KILL);
      assertThat(verifies(support.signingKeys(enrolled).getFirst(), only(second).manifest().get().manifest().toArray(),
          only(second).manifest().get().signature().toArray())).isTrue();
    }
  }

  @Test
  void assignmentStatusIsStoredAcknowledgedAndShownPerProcess() {
    as(operator, () -> assignments.assign(enrolled.agentId(), scenario.service, ServiceMode.OBSERVE));
    String service = Long.toString(scenario.service);

    try (var agent = support.helloOnly(enrolled)) {
      long revision = agent.next(Assignments.class).revision();
      agent.send(new AssignmentStatus(77, revision, List.of(
          new ProtectionStatus(service, 4242, ProtectionState.PROTECTED, StatusReason.NONE, ""),
          new ProtectionStatus(service, 4300, ProtectionState.NOT_PROTECTED, StatusReason.UNSUPPORTED_INTERPRETER,
              "python 3.13 has no USDT probes"))));
      var ack = agent.next(Ack.class);

      assertThat(ack.requestIds()).containsExactly(77L);
      assertThat(ack.upToSequence()).isZero();
    }
    var shown = as(operator, () -> assignments.forAgent(enrolled.agentId())).getFirst();
    assertThat(shown.protection()).isEqualTo(AssignmentProtection.NOT_PROTECTED);
    assertThat(shown.processes()).extracting(p -> p.pid() + " " + p.state() + " " + p.reason() + " " + p.detail())
        .containsExactly("4242 PROTECTED NONE ", "4300 NOT_PROTECTED UNSUPPORTED_INTERPRETER python 3.13 has no USDT probes");
    assertThat(shown.lastReportAt()).isNotNull();
  }

  /** The next ASSIGNMENTS, which must carry a higher revision than {@code after}. */
  private static Assignments next(TestAgent agent, long after) {
    var assignments = agent.next(Assignments.class);
    assertThat(assignments.revision()).isGreaterThan(after);
    return assignments;
  }

  private static ServiceAssignment only(Assignments assignments) {
    assertThat(assignments.services()).hasSize(1);
    return assignments.services().getFirst();
  }

  private static void assertSignedVersion(SignedManifest manifest, ManifestVersionDetails version) {
    assertThat(manifest.versionId()).isEqualTo(Long.toString(version.version().id()));
    assertThat(manifest.manifest().toArray())
        .isEqualTo(ManifestWriter.toJson(version.manifest()).getBytes(StandardCharsets.UTF_8));
  }

  private static boolean verifies(ManifestKey key, byte[] bytes, byte[] signature) {
    try {
      var verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(key.publicKey().toArray())));
      verifier.update(bytes);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
