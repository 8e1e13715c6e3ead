package io.capgate.portal.agents;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.protocol.ServiceMode;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.base.ui.ReviewScenario;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Assigning services to agents: modes and manifests, who may, tenants, audit and the push events. */
@PortalTest
@RecordApplicationEvents
class AgentAssignmentsIT {

  @Autowired AgentAssignments assignments;
  @Autowired AgentRegistry registry;
  @Autowired AgentEnrollment enrollment;
  @Autowired EnrollmentTokens tokens;
  @Autowired PortalPki pki;
  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  @Autowired Fixtures fixtures;
  @Autowired ApplicationEvents events;

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
  void observeNeedsNoManifestButEnforcingWaitsForAnActiveVersion() {
    var observed = as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE));

    assertThat(observed.mode()).isEqualTo(ServiceMode.OBSERVE);
    assertThat(observed.activeVersion()).isNull();
    assertThat(observed.assignedBy()).isEqualTo(operator.username());
    assertThat(observed.protection()).isEqualTo(AssignmentProtection.UNKNOWN);
    for (var enforcing : List.of(ServiceMode.ALERT, ServiceMode.STOP, ServiceMode.KILL)) {
      assertThatThrownBy(() -> as(operator, () -> assignments.changeMode(agentId, scenario.service, enforcing)))
          .isInstanceOf(ConflictException.class).hasMessageContaining("no active manifest version")
          .hasMessageContaining("OBSERVE");
    }
    assertThat(as(operator, () -> assignments.forAgent(agentId))).singleElement()
        .satisfies(a -> assertThat(a.mode()).isEqualTo(ServiceMode.OBSERVE));

    scenario.active(Fixtures.aManifestYaml());
    var killing = as(operator, () -> assignments.changeMode(agentId, scenario.service, ServiceMode.KILL));

    assertThat(killing.mode()).isEqualTo(ServiceMode.KILL);
    assertThat(killing.activeVersion()).isEqualTo(1);
  }

  @Test
  void assigningInAnEnforcingModeWithoutAnActiveVersionIsRefusedAndWritesNothing() {
    assertThatThrownBy(() -> as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.KILL)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("no active manifest version");

    assertThat(as(operator, () -> assignments.forAgent(agentId))).isEmpty();
    assertThat(events.stream(AgentAssignmentsChanged.class)).isEmpty();
  }

  @Test
  void everyChangeIsAuditedWithBeforeAndAfterAndBumpsTheRevision() {
    scenario.active(Fixtures.aManifestYaml());

    as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.ALERT));
    as(operator, () -> assignments.changeMode(agentId, scenario.service, ServiceMode.KILL));
    as(operator, () -> assignments.changeMode(agentId, scenario.service, ServiceMode.KILL));
    as(operator, () -> assignments.unassign(agentId, scenario.service));

    var audit = events.stream(AuditEvent.class).filter(e -> e.objectType().equals("agent_assignment")).toList();
    assertThat(audit).extracting(AuditEvent::action).containsExactly("agent_assignment.created",
        "agent_assignment.mode_changed", "agent_assignment.removed");
    assertThat(audit).allSatisfy(e -> {
      assertThat(e.objectId()).isEqualTo(agentId + "/" + scenario.service);
      assertThat(e.organizationId()).isEqualTo(scenario.organization);
      assertThat(e.actor().userId()).isEqualTo(operator.id());
    });
    assertThat(audit.get(0).before()).isEmpty();
    assertThat(audit.get(0).after()).containsEntry("mode", "ALERT").containsEntry("activeVersion", 1);
    assertThat(audit.get(1).before()).containsEntry("mode", "ALERT");
    assertThat(audit.get(1).after()).containsEntry("mode", "KILL");
    assertThat(audit.get(2).before()).containsEntry("mode", "KILL");
    assertThat(audit.get(2).after()).isEmpty();
    assertThat(events.stream(AgentAssignmentsChanged.class).filter(e -> e.agentId().equals(agentId)))
        .extracting(AgentAssignmentsChanged::revision).containsExactly(1L, 2L, 3L);
    assertThat(as(operator, () -> assignments.forAgent(agentId))).isEmpty();
  }

  @Test
  void activatingANewVersionOfAnAssignedServiceBumpsItsAgents() {
    scenario.active(Fixtures.aManifestYaml());
    as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.KILL));
    var other = new AgentFixtures(tokens, enrollment, pki).enroll(operator, scenario.project).agentId();

    scenario.active(Fixtures.aManifestYamlWith("app.main", "proc.spawn"));

    assertThat(events.stream(AgentAssignmentsChanged.class).filter(e -> e.agentId().equals(agentId)))
        .extracting(AgentAssignmentsChanged::revision).containsExactly(1L, 2L);
    assertThat(events.stream(AgentAssignmentsChanged.class).filter(e -> e.agentId().equals(other))).isEmpty();
    assertThat(as(operator, () -> assignments.forAgent(agentId)).getFirst().activeVersion()).isEqualTo(2);
  }

  @Test
  void adminsOperatorsAndTheProjectsOwnersAssignOthersOnlyRead() {
    var allowed = Map.of("ORG_ADMIN", fixtures.aUser(scenario.organization, Role.ORG_ADMIN),
        "OPERATOR", operator, "PROJECT_OWNER", projectUser(Role.PROJECT_OWNER));
    var refused = Map.of("AUDITOR", fixtures.aUser(scenario.organization, Role.AUDITOR),
        "DEVELOPER", scenario.developer, "REVIEWER", scenario.reviewer);

    refused.forEach((role, user) -> {
      assertThatThrownBy(() -> as(user, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE)))
          .as(role).isInstanceOf(AccessDeniedException.class);
      assertThat(as(user, () -> assignments.forAgent(agentId))).as(role).isEmpty();
    });
    allowed.forEach((role, user) -> {
      as(user, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE));
      assertThat(as(user, () -> assignments.forService(scenario.service))).as(role).singleElement()
          .satisfies(a -> assertThat(a.agentId()).isEqualTo(agentId));
      as(user, () -> assignments.unassign(agentId, scenario.service));
    });
    long otherProject = fixtures.aProject(scenario.organization);
    var ownerElsewhere = fixtures.aUser(scenario.organization);
    fixtures.grant(ownerElsewhere, otherProject, Role.PROJECT_OWNER);
    assertThatThrownBy(() -> as(ownerElsewhere,
        () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anotherOrganizationsAgentsAndServicesAreNotFound() {
    long otherOrg = fixtures.anOrganization();
    var stranger = fixtures.aUser(otherOrg, Role.ORG_ADMIN);
    long strangerProject = fixtures.aProject(otherOrg);
    long strangerService = fixtures.aService(strangerProject);
    as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE));

    assertThatThrownBy(() -> as(stranger, () -> assignments.forAgent(agentId)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(stranger, () -> assignments.forService(scenario.service)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(stranger, () -> assignments.unassign(agentId, scenario.service)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(operator, () -> assignments.assign(agentId, strangerService, ServiceMode.OBSERVE)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(operator, () -> assignments.forService(strangerService)))
        .isInstanceOf(NotFoundException.class);
    long sibling = fixtures.aService(fixtures.aProject(scenario.organization));
    assertThatThrownBy(() -> as(operator, () -> assignments.assign(agentId, sibling, ServiceMode.OBSERVE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the project");
  }

  @Test
  void aServiceIsAssignedOnceAndARevokedAgentGetsNothing() {
    as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE));

    assertThatThrownBy(() -> as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already assigned");
    long unassigned = fixtures.aService(scenario.project);
    assertThatThrownBy(() -> as(operator, () -> assignments.changeMode(agentId, unassigned, ServiceMode.OBSERVE)))
        .isInstanceOf(NotFoundException.class);
    as(operator, () -> registry.revoke(agentId));
    assertThatThrownBy(() -> as(operator, () -> assignments.assign(agentId, unassigned, ServiceMode.OBSERVE)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("revoked");
  }

  private CapgateUser projectUser(Role role) {
    var user = fixtures.aUser(scenario.organization);
    fixtures.grant(user, scenario.project, role);
    return user;
  }
}
