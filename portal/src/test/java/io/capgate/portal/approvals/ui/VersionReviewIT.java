package io.capgate.portal.approvals.ui;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.aManifestYamlWith;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextArea;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.base.ui.ReviewScenario;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.manifests.ui.ManifestVersionView;
import io.capgate.portal.security.Role;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The review part of a version's page, as author and as reviewer. */
class VersionReviewIT extends BrowserlessPortalTest {

  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  ReviewScenario scenario;

  @BeforeEach
  void setUp() {
    scenario = new ReviewScenario(fixtures, versions, approvals);
  }

  @Test
  void theAuthorSeesNoDecisionButtonsEvenAsAReviewer() {
    fixtures.grant(scenario.developer, scenario.project, Role.REVIEWER);
    scenario.submitted(aManifestYaml());
    signIn(scenario.developer);
    openVersion(1);

    assertThat(find(Span.class).id("approval-status").getText()).isEqualTo("OPEN");
    assertThat(find(Button.class).withId("version-approve").exists()).isFalse();
    assertThat(find(Button.class).withId("version-reject").exists()).isFalse();
    assertThat(find(Button.class).id("version-comment").isVisible()).isTrue();
  }

  @Test
  void aReviewerApprovesInThePageAndTheNextVersionSupersedesTheFirst() {
    scenario.submitted(aManifestYaml());
    signIn(scenario.reviewer);
    openVersion(1);
    approve("looks minimal");

    assertThat(find(Span.class).id("version-state").getText()).isEqualTo("ACTIVE");
    assertThat(find(Span.class).id("approval-status").getText()).isEqualTo("APPROVED");
    assertThat(items("approval-decisions")).singleElement().asString().contains(": APPROVE — looks minimal");

    scenario.submitted(aManifestYamlWith("app.main", "proc.spawn"));
    openVersion(2);
    assertThat(find(Span.class).id("diff-summary").getText()).isEqualTo("1 module changed: +proc.spawn (risky) in app.main");
    approve("");

    assertThat(find(Span.class).id("version-state").getText()).isEqualTo("ACTIVE");
    assertThat(as(scenario.reviewer, () -> versions.get(scenario.service, 1)).version().state())
        .isEqualTo(ManifestState.SUPERSEDED);
  }

  @Test
  void theServersRefusalIsShownWhenThePageIsOutOfDate() {
    var other = fixtures.aUser(scenario.organization);
    fixtures.grant(other, scenario.project, Role.REVIEWER);
    var version = scenario.submitted(aManifestYaml());
    signIn(scenario.reviewer);
    openVersion(1);
    as(other, () -> approvals.reject(approvals.forVersion(version.version().id()).orElseThrow().id(), "no"));

    approve("late");

    assertThat(find(Span.class).id("notification-error").getText()).isNotBlank();
    assertThat(as(scenario.reviewer, () -> versions.get(scenario.service, 1)).version().state())
        .isEqualTo(ManifestState.REJECTED);
  }

  @Test
  void theAuthorAnswersInTheCommentThread() {
    scenario.submitted(aManifestYaml());
    signIn(scenario.developer);
    openVersion(1);

    test(find(Button.class).id("version-comment")).click();
    test(find(Button.class).id("decision-confirm")).click();
    assertThat(find(TextArea.class).id("decision-comment").isInvalid()).isTrue();
    test(find(TextArea.class).id("decision-comment")).setValue("uvicorn needs to listen");
    test(find(Button.class).id("decision-confirm")).click();

    assertThat(items("approval-comments")).singleElement().asString().endsWith("uvicorn needs to listen");
  }

  private void openVersion(int version) {
    navigate(ManifestVersionView.class,
        Map.of("serviceId", Long.toString(scenario.service), "version", Integer.toString(version)));
  }

  private void approve(String comment) {
    test(find(Button.class).id("version-approve")).click();
    test(find(TextArea.class).id("decision-comment")).setValue(comment);
    test(find(Button.class).id("decision-confirm")).click();
  }

  private java.util.List<String> items(String listId) {
    return find(ListItem.class, find(UnorderedList.class).id(listId)).all().stream()
        .map(item -> item.getElement().getTextRecursively()).toList();
  }
}
