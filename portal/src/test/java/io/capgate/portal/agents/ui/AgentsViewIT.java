package io.capgate.portal.agents.ui;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.capgate.model.protocol.EnrollmentTokenFormat;
import io.capgate.model.protocol.HostFacts;
import io.capgate.portal.agents.Agent;
import io.capgate.portal.agents.AgentEnrollment;
import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.AgentStatus;
import io.capgate.portal.agents.EnrollmentToken;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.agents.TokenStatus;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.gateway.AgentKeys;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.projects.Project;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AgentsViewIT extends BrowserlessPortalTest {

  @Autowired EnrollmentTokens tokens;
  @Autowired AgentRegistry registry;
  @Autowired AgentEnrollment enrollment;
  @Autowired PortalPki pki;

  @Test
  void anAdminCreatesATokenAndSeesItOnceWithTheCommandToRun() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    signIn(admin);
    navigate(AgentsView.class);

    test(find(Button.class).id("token-create-open")).click();
    assertThat(this.<Select<Project>>select("token-project").getValue().id()).isEqualTo(project);
    test(find(TextField.class).id("token-description")).setValue("db-02");
    test(find(Button.class).id("token-create-confirm")).click();

    var value = find(TextField.class).id("enrollment-token-value");
    var command = find(TextArea.class).id("enrollment-command");
    String shown = value.getValue();
    assertThat(EnrollmentTokenFormat.parse(shown).secret()).isNotBlank();
    assertThat(command.getValue()).isEqualTo("sudo capgate agent enroll --token " + shown + "\nsudo capgate agent run");
    var listed = as(admin, () -> tokens.list(project));
    assertThat(listed).singleElement().satisfies(t -> {
      assertThat(t.description()).isEqualTo("db-02");
      assertThat(t.status()).isEqualTo(TokenStatus.ACTIVE);
      assertThat(Duration.between(t.createdAt(), t.expiresAt())).isEqualTo(Duration.ofHours(24));
    });
    var grid = test(tokenGrid());
    assertThat(grid.size()).isEqualTo(1);
    assertThat(grid.getCellText(0, grid.getColumnPosition("createdBy"))).isEqualTo(admin.username());
    assertThat(grid.getCellText(0, grid.getColumnPosition("status"))).isEqualTo("open");

    test(find(Button.class).id("enrollment-token-done")).click();

    assertThat(find(Dialog.class).withId("enrollment-token-dialog").exists()).isFalse();
    assertThat(value.getValue()).isEmpty();
    assertThat(command.getValue()).isEmpty();
  }

  @Test
  void anOperatorRevokesAnAgentAfterConfirming() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var operator = fixtures.aUser(org, Role.OPERATOR);
    String agentId = enroll(operator, project, "web-01.example.internal");
    enrollment.recordLastSeen(Map.of(agentId, Instant.now()));
    signIn(operator);
    navigate(AgentsView.class);
    var grid = test(agentGrid());
    assertThat(grid.size()).isEqualTo(1);
    assertThat(grid.getCellText(0, grid.getColumnPosition("host"))).isEqualTo("web-01.example.internal");
    assertThat(grid.getCellText(0, grid.getColumnPosition("kernel"))).isEqualTo("6.1.0-18-amd64");
    assertThat(grid.getCellText(0, grid.getColumnPosition("bpftrace"))).isEqualTo("0.17.0");
    assertThat(grid.getCellText(0, grid.getColumnPosition("python"))).isEqualTo("3.11.2, 3.13.5");
    assertThat(grid.getCellText(0, grid.getColumnPosition("heartbeat"))).matches("last heartbeat \\d+ s ago");
    assertThat(grid.getCellText(0, grid.getColumnPosition("services"))).isEqualTo("none");
    assertThat(statusText(0)).isEqualTo("online");

    assertThat(revokeButton(0).getId()).contains("agent-revoke-" + agentId);
    test(revokeButton(0)).click();
    test(find(ConfirmDialog.class).id("agent-revoke-confirm")).confirm();

    Agent revoked = as(operator, () -> registry.get(agentId));
    assertThat(revoked.status()).isEqualTo(AgentStatus.REVOKED);
    assertThat(statusText(0)).isEqualTo("revoked");
    assertThat(revokeButton(0).isEnabled()).isFalse();
  }

  @Test
  void cancellingTheConfirmationKeepsTheAgent() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    String agentId = enroll(admin, project, "web-01");
    signIn(admin);
    navigate(AgentsView.class);

    assertThat(revokeButton(0).getId()).contains("agent-revoke-" + agentId);
    test(revokeButton(0)).click();
    test(find(ConfirmDialog.class).id("agent-revoke-confirm")).cancel();

    assertThat(as(admin, () -> registry.get(agentId)).status()).isEqualTo(AgentStatus.OFFLINE);
  }

  @Test
  void anAuditorSeesTheListsButNoButtonsThatChangeThem() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var operator = fixtures.aUser(org, Role.OPERATOR);
    enroll(operator, project, "db-01");
    as(operator, () -> tokens.create(project, "spare", null));
    signIn(fixtures.aUser(org, Role.AUDITOR));
    navigate(AgentsView.class);

    assertThat(test(agentGrid()).size()).isEqualTo(1);
    assertThat(tokenGrid().getColumns()).extracting(Grid.Column::getKey).doesNotContain("revoke");
    assertThat(test(tokenGrid()).size()).isEqualTo(2);
    assertThat(agentGrid().getColumns()).extracting(Grid.Column::getKey).doesNotContain("revoke");
    assertThat(find(Button.class).withId("token-create-open").exists()).isFalse();
  }

  @Test
  void aDeveloperSeesTheAgentsOfTheirProjectButNoTokens() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    enroll(fixtures.aUser(org, Role.OPERATOR), project, "db-01");
    var developer = fixtures.aUser(org);
    fixtures.grant(developer, project, Role.DEVELOPER);
    signIn(developer);
    navigate(AgentsView.class);

    assertThat(test(agentGrid()).size()).isEqualTo(1);
    assertThat(find(Grid.class).withId("enrollment-tokens-grid").exists()).isFalse();
    assertThat(find(Button.class).withId("token-create-open").exists()).isFalse();
  }

  @Test
  void anotherOrganizationsAgentsAndTokensAreNeverListed() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    String mine = enroll(admin, fixtures.aProject(org), "mine");
    long otherOrg = fixtures.anOrganization();
    var stranger = fixtures.aUser(otherOrg, Role.ORG_ADMIN);
    long otherProject = fixtures.aProject(otherOrg);
    enroll(stranger, otherProject, "theirs");
    as(stranger, () -> tokens.create(otherProject, "theirs", null));
    signIn(admin);
    navigate(AgentsView.class);

    var grid = test(agentGrid());
    assertThat(grid.size()).isEqualTo(1);
    assertThat(grid.getRow(0).id()).isEqualTo(mine);
    assertThat(test(tokenGrid()).size()).isEqualTo(1);
    assertThat(test(tokenGrid()).getRow(0).status()).isEqualTo(TokenStatus.USED);
    assertThat(test(tokenGrid()).getCellText(0, test(tokenGrid()).getColumnPosition("status"))).isEqualTo("used");
  }

  @Test
  void anOpenTokenIsRevokedAfterConfirming() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var operator = fixtures.aUser(org, Role.OPERATOR);
    long tokenId = as(operator, () -> tokens.create(project, "spare", null)).token().id();
    signIn(operator);
    navigate(AgentsView.class);

    var revoke = (Button) test(tokenGrid()).getCellComponent(0, "revoke");
    assertThat(revoke.getId()).contains("token-revoke-" + tokenId);
    test(revoke).click();
    test(find(ConfirmDialog.class).id("token-revoke-confirm")).confirm();

    assertThat(as(operator, () -> tokens.list(project))).singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo(TokenStatus.REVOKED));
    assertThat(test(tokenGrid()).getCellText(0, test(tokenGrid()).getColumnPosition("status"))).isEqualTo("revoked");
    assertThat(((Button) test(tokenGrid()).getCellComponent(0, "revoke")).isEnabled()).isFalse();
  }

  @Test
  void aRefusalFromTheServiceIsShownAsANotification() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    var created = as(admin, () -> tokens.create(project, "", null));
    signIn(admin);
    navigate(AgentsView.class);
    // The token enrolls its agent while the page still offers to revoke it.
    byte[] csr = AgentKeys.csr(AgentKeys.ecKeyPair());
    enrollment.enroll(EnrollmentTokenFormat.parse(created.value()).secret(),
        new HostFacts("late", "6.1.0-18-amd64", Optional.empty(), List.of()),
        agentId -> pki.issueClientCertificate(agentId, csr));

    test((Button) test(tokenGrid()).getCellComponent(0, "revoke")).click();
    test(find(ConfirmDialog.class).id("token-revoke-confirm")).confirm();

    assertThat(find(Span.class).id("notification-error").getText()).contains("revoke the agent instead");
    assertThat(test(tokenGrid()).getCellText(0, test(tokenGrid()).getColumnPosition("status"))).isEqualTo("used");
  }

  /** Enrolls an agent straight through the service, the way the gateway does, with a token {@code user} makes. */
  private String enroll(CapgateUser user, long projectId, String hostName) {
    String secret = EnrollmentTokenFormat.parse(as(user, () -> tokens.create(projectId, "", null)).value()).secret();
    byte[] csr = AgentKeys.csr(AgentKeys.ecKeyPair());
    var host = new HostFacts(hostName, "6.1.0-18-amd64", Optional.of("0.17.0"), List.of("3.11.2", "3.13.5"));
    return enrollment.enroll(secret, host, agentId -> pki.issueClientCertificate(agentId, csr)).agentId();
  }

  private String statusText(int row) {
    var cell = (HorizontalLayout) test(agentGrid()).getCellComponent(row, "status");
    return ((Span) cell.getComponentAt(0)).getText();
  }

  private Button revokeButton(int row) {
    return (Button) test(agentGrid()).getCellComponent(row, "revoke");
  }

  @SuppressWarnings("unchecked")
  private Grid<Agent> agentGrid() {
    return find(Grid.class).id("agents-grid");
  }

  @SuppressWarnings("unchecked")
  private Grid<EnrollmentToken> tokenGrid() {
    return find(Grid.class).id("enrollment-tokens-grid");
  }

  @SuppressWarnings("unchecked")
  private <T extends Select<?>> T select(String id) {
    return (T) find(Select.class).id(id);
  }
}
