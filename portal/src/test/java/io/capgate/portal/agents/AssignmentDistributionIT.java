package io.capgate.portal.agents;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.StatusReason;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.ui.ReviewScenario;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The gateway's side: the complete set to send, and protection reports replacing the rows they mention. */
@PortalTest
class AssignmentDistributionIT {

  @Autowired AssignmentDistribution distribution;
  @Autowired AgentAssignments assignments;
  @Autowired AgentEnrollment enrollment;
  @Autowired EnrollmentTokens tokens;
  @Autowired PortalPki pki;
  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  @Autowired Fixtures fixtures;

  ReviewScenario scenario;
  CapgateUser operator;
  String agentId;

  @BeforeEach
  void setUp() {
    scenario = new ReviewScenario(fixtures, versions, approvals);
    operator = fixtures.aUser(scenario.organization, Role.OPERATOR);
    agentId = new AgentFixtures(tokens, enrollment, pki).enroll(operator, scenario.project).agentId();
  }

  @Test
  void theSetCarriesTheMatcherModeAndTheActiveVersionsCanonicalForm() {
    var active = scenario.active(Fixtures.aManifestYaml());
    long observed = fixtures.aService(scenario.project);
    as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.STOP));
    as(operator, () -> assignments.assign(agentId, observed, ServiceMode.OBSERVE));

    var set = distribution.current(agentId);

    assertThat(set.revision()).isEqualTo(2);
    assertThat(set.services()).hasSize(2);
    var enforced = set.services().stream().filter(e -> e.serviceId() == scenario.service).findFirst().orElseThrow();
    assertThat(enforced.mode()).isEqualTo(ServiceMode.STOP);
    assertThat(enforced.matchExecutable()).isEqualTo("/usr/bin/python3.11");
    assertThat(enforced.manifest()).hasValueSatisfying(m -> {
      assertThat(m.versionId()).isEqualTo(active.version().id());
      assertThat(m.canonicalJson()).isEqualTo(ManifestWriter.toJson(active.manifest()));
    });
    assertThat(set.services().stream().filter(e -> e.serviceId() == observed).findFirst().orElseThrow().manifest())
        .isEmpty();
  }

  @Test
  void aReportReplacesTheRowsOfTheServicesItMentionsOnly() {
    long other = fixtures.aService(scenario.project);
    as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE));
    as(operator, () -> assignments.assign(agentId, other, ServiceMode.OBSERVE));
    String service = Long.toString(scenario.service);

    distribution.recordStatus(agentId, 2, List.of(
        new ProtectionStatus(service, 4242, ProtectionState.PROTECTED, StatusReason.NONE, ""),
        new ProtectionStatus(service, 4243, ProtectionState.PROTECTED, StatusReason.NONE, ""),
        new ProtectionStatus(Long.toString(other), 0, ProtectionState.NOT_PROTECTED, StatusReason.NO_PROCESS,
            "no process runs /usr/bin/python3.11")));
    var outcome = distribution.recordStatus(agentId, 2, List.of(
        new ProtectionStatus(service, 4243, ProtectionState.NOT_PROTECTED, StatusReason.BPFTRACE_FAILED,
            "bpftrace exited with 1"),
        new ProtectionStatus("999999999", 1, ProtectionState.PROTECTED, StatusReason.NONE, ""),
        new ProtectionStatus("not-a-service", 1, ProtectionState.PROTECTED, StatusReason.NONE, "")));

    assertThat(outcome.servicesStored()).isEqualTo(1);
    assertThat(outcome.ignoredServiceIds()).containsExactly("999999999", "not-a-service");
    var byService = as(operator, () -> assignments.forAgent(agentId));
    var first = byService.stream().filter(a -> a.serviceId() == scenario.service).findFirst().orElseThrow();
    assertThat(first.processes()).singleElement().satisfies(p -> {
      assertThat(p.pid()).isEqualTo(4243);
      assertThat(p.state()).isEqualTo(ProtectionState.NOT_PROTECTED);
      assertThat(p.reason()).isEqualTo(StatusReason.BPFTRACE_FAILED);
      assertThat(p.detail()).isEqualTo("bpftrace exited with 1");
    });
    assertThat(first.protection()).isEqualTo(AssignmentProtection.NOT_PROTECTED);
    assertThat(first.lastReportAt()).isNotNull();
    var second = byService.stream().filter(a -> a.serviceId() == other).findFirst().orElseThrow();
    assertThat(second.processes()).singleElement().satisfies(p -> {
      assertThat(p.pid()).isZero();
      assertThat(p.reason()).isEqualTo(StatusReason.NO_PROCESS);
    });
  }

  @Test
  void unassigningForgetsTheReports() {
    as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE));
    distribution.recordStatus(agentId, 1, List.of(new ProtectionStatus(Long.toString(scenario.service), 7,
        ProtectionState.PROTECTED, StatusReason.NONE, "")));
    assertThat(as(operator, () -> assignments.forService(scenario.service)).getFirst().protection())
        .isEqualTo(AssignmentProtection.PROTECTED);

    as(operator, () -> assignments.unassign(agentId, scenario.service));
    as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE));

    assertThat(as(operator, () -> assignments.forService(scenario.service)).getFirst().processes()).isEmpty();
  }
}
