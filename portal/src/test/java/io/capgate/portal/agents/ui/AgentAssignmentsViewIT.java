package io.capgate.portal.agents.ui;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import io.capgate.model.protocol.EnrollmentTokenFormat;
import io.capgate.model.protocol.HostFacts;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.StatusReason;
import io.capgate.portal.agents.Agent;
import io.capgate.portal.agents.AgentAssignment;
import io.capgate.portal.agents.AgentAssignments;
import io.capgate.portal.agents.AgentEnrollment;
import io.capgate.portal.agents.AssignmentDistribution;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.base.ui.ReviewScenario;
import io.capgate.portal.gateway.AgentKeys;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.testing.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The agents page's services: assign, change mode, unassign, and the protection the agent reports. */
class AgentAssignmentsViewIT extends BrowserlessPortalTest {

  @Autowired EnrollmentTokens tokens;
  @Autowired AgentEnrollment enrollment;
  @Autowired PortalPki pki;
  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  @Autowired AgentAssignments assignments;
  @Autowired AssignmentDistribution distribution;
  @Autowired ServiceRegistry services;

  ReviewScenario scenario;
  CapgateUser operator;
  String agentId;
  String serviceName;

  @BeforeEach
  void setUp() {
    scenario = new ReviewScenario(fixtures, versions, approvals);
    operator = fixtures.aUser(scenario.organization, Role.OPERATOR);
    agentId = enroll(operator, scenario.project);
    serviceName = as(operator, () -> services.get(scenario.service)).name();
  }

  @Test
  void anOperatorAssignsAServiceToObserveAndSeesWhatTheAgentReports() {
    signIn(operator);
    navigate(AgentsView.class);
    assertThat(agentCell("services")).isEqualTo("none");

    openServices();
    test(this.<Select<?>>select("assign-service")).selectItem(serviceName);
    test(find(Button.class).id("assign-confirm")).click();

    var grid = test(assignmentsGrid());
    assertThat(grid.size()).isEqualTo(1);
    assertThat(grid.getCellText(0, grid.getColumnPosition("service"))).isEqualTo(serviceName);
    assertThat(modeSelect(0).getValue()).isEqualTo(ServiceMode.OBSERVE);
    assertThat(grid.getCellText(0, grid.getColumnPosition("manifest"))).isEqualTo("none");
    assertThat(protection(0)).isEqualTo("no report yet");
    assertThat(grid.getCellText(0, grid.getColumnPosition("reported"))).isEqualTo("never");
    assertThat(as(operator, () -> assignments.forAgent(agentId))).singleElement()
        .satisfies(a -> assertThat(a.mode()).isEqualTo(ServiceMode.OBSERVE));

    distribution.recordStatus(agentId, 1, List.of(
        new ProtectionStatus(Long.toString(scenario.service), 4242, ProtectionState.PROTECTED, StatusReason.NONE, ""),
        new ProtectionStatus(Long.toString(scenario.service), 4300, ProtectionState.NOT_PROTECTED,
            StatusReason.BPFTRACE_FAILED, "bpftrace exited with 1")));
    test(find(Button.class).id("assignments-close")).click();
    navigate(AgentsView.class);
    assertThat(agentCell("services")).isEqualTo(serviceName + " observe, not protected");
    openServices();

    grid = test(assignmentsGrid());
    assertThat(protection(0)).isEqualTo("not protected");
    assertThat(grid.getCellText(0, grid.getColumnPosition("processes")))
        .isEqualTo("pid 4242: protected; pid 4300: not protected, bpftrace failed (bpftrace exited with 1)");
    assertThat(grid.getCellText(0, grid.getColumnPosition("reported"))).endsWith("UTC");
  }

  @Test
  void enforcingWaitsForAnActiveManifestThenTheModeChangesAndTheServiceIsUnassigned() {
    signIn(operator);
    navigate(AgentsView.class);
    openServices();

    test(this.<Select<?>>select("assign-service")).selectItem(serviceName);
    test(this.<Select<?>>select("assign-mode")).selectItem(AssignmentLabels.mode(ServiceMode.KILL));
    test(find(Button.class).id("assign-confirm")).click();

    assertThat(find(Span.class).id("notification-error").getText()).contains("no active manifest version");
    assertThat(test(assignmentsGrid()).size()).isZero();

    scenario.active(Fixtures.aManifestYaml());
    test(find(Button.class).id("assign-confirm")).click();
    assertThat(modeSelect(0).getValue()).isEqualTo(ServiceMode.KILL);
    assertThat(test(assignmentsGrid()).getCellText(0, test(assignmentsGrid()).getColumnPosition("manifest")))
        .isEqualTo("v1");

    test(modeSelect(0)).selectItem(AssignmentLabels.mode(ServiceMode.ALERT));
    assertThat(as(operator, () -> assignments.forAgent(agentId)).getFirst().mode()).isEqualTo(ServiceMode.ALERT);
    assertThat(modeSelect(0).getValue()).isEqualTo(ServiceMode.ALERT);

    test((Button) test(assignmentsGrid()).getCellComponent(0, "unassign")).click();
    test(find(ConfirmDialog.class).id("assignment-unassign-confirm")).confirm();
    assertThat(as(operator, () -> assignments.forAgent(agentId))).isEmpty();
    assertThat(test(assignmentsGrid()).size()).isZero();
  }

  @Test
  void aDeveloperSeesTheServicesButNoControls() {
    as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE));

    signIn(scenario.developer);
    navigate(AgentsView.class);
    openServices();
    assertThat(find(Select.class).withId("assign-service").exists()).isFalse();
    assertThat(assignmentsGrid().getColumns()).extracting(Grid.Column::getKey).doesNotContain("unassign");
    assertThat(test(assignmentsGrid()).getCellText(0, test(assignmentsGrid()).getColumnPosition("mode")))
        .isEqualTo(AssignmentLabels.mode(ServiceMode.OBSERVE));
  }

  @Test
  void aProjectOwnerChangesTheProjectsAssignments() {
    as(operator, () -> assignments.assign(agentId, scenario.service, ServiceMode.OBSERVE));
    var owner = fixtures.aUser(scenario.organization);
    fixtures.grant(owner, scenario.project, Role.PROJECT_OWNER);

    signIn(owner);
    navigate(AgentsView.class);
    openServices();
    assertThat(find(Select.class).withId("assign-service").exists()).isTrue();
    assertThat(modeSelect(0).getValue()).isEqualTo(ServiceMode.OBSERVE);
  }

  private void openServices() {
    var open = (Button) test(agentGrid()).getCellComponent(0, "assignments");
    assertThat(open.getId()).contains("agent-services-" + agentId);
    test(open).click();
  }

  private String agentCell(String column) {
    var grid = test(agentGrid());
    assertThat(grid.size()).isEqualTo(1);
    return grid.getCellText(0, grid.getColumnPosition(column));
  }

  private String protection(int row) {
    return ((Span) test(assignmentsGrid()).getCellComponent(row, "protection")).getText();
  }

  @SuppressWarnings("unchecked")
  private Select<ServiceMode> modeSelect(int row) {
    return (Select<ServiceMode>) test(assignmentsGrid()).getCellComponent(row, "mode");
  }

  private String enroll(CapgateUser user, long projectId) {
    String secret = EnrollmentTokenFormat.parse(as(user, () -> tokens.create(projectId, "", null)).value()).secret();
    byte[] csr = AgentKeys.csr(AgentKeys.ecKeyPair());
    var host = new HostFacts("app-01", "6.1.0-18-amd64", Optional.of("0.17.0"), List.of("3.11.2"));
    return enrollment.enroll(secret, host, id -> pki.issueClientCertificate(id, csr)).agentId();
  }

  @SuppressWarnings("unchecked")
  private Grid<Agent> agentGrid() {
    return find(Grid.class).id("agents-grid");
  }

  @SuppressWarnings("unchecked")
  private Grid<AgentAssignment> assignmentsGrid() {
    return find(Grid.class).id("assignments-grid");
  }

  @SuppressWarnings("unchecked")
  private <T extends Select<?>> T select(String id) {
    return (T) find(Select.class).id(id);
  }
}
