package io.capgate.portal.manifests.ui;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextArea;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.base.ui.ReviewScenario;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ManifestEditorViewIT extends BrowserlessPortalTest {

  static final String INVALID = """
      apiVersion: capgate.io/v1
      service: fastapi-demo
      arch: x86_64
      python: 3.11
      defaults:
        capabilities: [sys.basic, mem]
      modules:
        app.main:
          capabilities: [io, fs.raed]
      """;

  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  ReviewScenario scenario;

  @BeforeEach
  void signInTheDeveloper() {
    scenario = new ReviewScenario(fixtures, versions, approvals);
    signIn(scenario.developer);
  }

  @Test
  void problemsAreListedWithLineAndColumnAndTheirLinesMarked() {
    openNewDraft();
    test(text()).setValue(INVALID);

    assertThat(problems()).containsExactly(
        "line 4, column 9: python must be a string, found the number '3.11'; quote it",
        "line 9, column 24: unknown capability group 'fs.raed'; did you mean 'fs.read'?");
    assertThat(find(Span.class).id("editor-status").getText()).startsWith("2 problems");
    assertThat(errorLines()).containsExactly("editor-line-4", "editor-line-9");
    assertThat(find(Div.class).id("editor-line-9").getElement().getAttribute("title")).contains("fs.raed");

    test(text()).setValue(aManifestYaml());

    assertThat(problems()).containsExactly("No problems");
    assertThat(find(Span.class).id("editor-status").getText()).isEqualTo("Valid manifest");
    assertThat(errorLines()).isEmpty();
  }

  @Test
  void anInvalidDraftIsNotSavedAValidOneIsAndCanBeSubmitted() {
    openNewDraft();
    test(text()).setValue(INVALID);
    test(find(Button.class).id("editor-save")).click();

    assertThat(find(Span.class).id("notification-error").getText()).isEqualTo("Not saved: 2 problems");
    assertThat(as(scenario.developer, () -> versions.countVersions(scenario.service))).isZero();

    test(text()).setValue(aManifestYaml());
    test(find(Button.class).id("editor-save")).click();
    var draft = as(scenario.developer, () -> versions.get(scenario.service, 1));
    assertThat(draft.version().state()).isEqualTo(ManifestState.DRAFT);
    assertThat(find(H2.class).id("editor-title").getText()).startsWith("Draft v1 of ");

    test(find(Button.class).id("editor-submit")).click();
    test(find(TextArea.class).id("submit-reason")).setValue("first manifest");
    test(find(Button.class).id("submit-confirm")).click();

    assertThat(as(scenario.developer, () -> versions.get(scenario.service, 1)).version().state())
        .isEqualTo(ManifestState.IN_REVIEW);
    assertThat(as(scenario.developer, () -> versions.countVersions(scenario.service))).isEqualTo(1);
    assertThat(getCurrentView()).isInstanceOf(ManifestVersionView.class);
    assertThat(find(Span.class).id("version-state").getText()).isEqualTo("IN_REVIEW");
  }

  @Test
  void aNewDraftStartsFromTheActiveVersionOrAValidTemplate() {
    openNewDraft();
    assertThat(text().getValue()).startsWith("apiVersion: capgate.io/v1\nservice: service-");
    assertThat(find(Span.class).id("editor-status").getText()).isEqualTo("Valid manifest");

    scenario.active(aManifestYaml());
    openNewDraft();
    assertThat(text().getValue()).isEqualTo(aManifestYaml());
  }

  @Test
  void aSubmittedVersionCannotBeEditedAnyMore() {
    scenario.submitted(aManifestYaml());
    navigate("services/" + scenario.service + "/versions/1/edit", ManifestVersionView.class);

    assertThat(find(Span.class).id("notification-error").getText()).contains("can no longer change");
  }

  private void openNewDraft() {
    navigate(ManifestEditorView.class, Map.of("serviceId", Long.toString(scenario.service)));
  }

  private TextArea text() {
    return find(TextArea.class).id("editor-text");
  }

  private java.util.List<String> problems() {
    return find(ListItem.class, find(UnorderedList.class).id("editor-problems")).all().stream()
        .map(ListItem::getText).toList();
  }

  private java.util.List<String> errorLines() {
    return find(Div.class, find(Div.class).id("editor-preview")).withClassName("editor-line-error").all().stream()
        .map(d -> d.getId().orElseThrow()).toList();
  }
}
