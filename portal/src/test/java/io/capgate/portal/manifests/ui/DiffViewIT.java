package io.capgate.portal.manifests.ui;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.aManifestYamlWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.base.ui.ReviewScenario;
import io.capgate.portal.manifests.ManifestVersions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DiffViewIT extends BrowserlessPortalTest {

  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  ReviewScenario scenario;

  @BeforeEach
  void v1ActiveAndV2AddingProcSpawn() {
    scenario = new ReviewScenario(fixtures, versions, approvals);
    scenario.active(aManifestYaml());
    scenario.submitted(aManifestYamlWith("app.main", "proc.spawn"));
    signIn(scenario.reviewer);
  }

  @Test
  void theActiveDiffShowsExactlyTheRiskyAdditionInTheChangedModule() {
    navigate(DiffView.class, Map.of("serviceId", Long.toString(scenario.service), "from", "active", "to", "2"));

    assertThat(find(Span.class).id("diff-summary").getText())
        .isEqualTo("1 module changed: +proc.spawn (risky) in app.main");
    var module = find(Div.class).id("diff-module-app.main");
    var added = find(Div.class).id("diff-added-app.main");
    assertThat(find(Span.class, added).withClassName("diff-added").all()).extracting(Span::getText)
        .containsExactly("+ proc.spawn");
    assertThat(find(Span.class, added).withClassName("diff-risky").all()).hasSize(1);
    assertThat(find(Span.class, added).withText("risky").exists()).isTrue();
    assertThat(find(Span.class, find(Div.class).id("diff-removed-app.main")).withClassName("diff-entry").exists())
        .isFalse();
    // The right column shows every entry of the new version, only the addition marked.
    var right = find(Div.class).id("diff-right-app.main");
    assertThat(find(Span.class, right).withClassName("diff-entry").all()).extracting(Span::getText)
        .containsExactly("fs.read", "io", "+ proc.spawn", "/usr/bin/git");
    assertThat(find(Span.class, module).withClassName("diff-removed").exists()).isFalse();

    assertThat(find(Div.class).withId("diff-module-uvicorn").exists()).isFalse();
    assertThat(find(Div.class).withId("diff-module-<interpreter>").exists()).isFalse();
    var unchanged = find(Details.class).id("diff-unchanged");
    assertThat(unchanged.isOpened()).isFalse();
    assertThat(unchanged.getSummaryText()).isEqualTo("2 unchanged modules");
  }

  @Test
  void twoNumberedVersionsTheOtherWayRoundShowTheRemovalOnTheLeft() {
    navigate(DiffView.class, Map.of("serviceId", Long.toString(scenario.service), "from", "2", "to", "1"));

    assertThat(find(Span.class).id("diff-summary").getText()).isEqualTo("1 module changed: -proc.spawn in app.main");
    var left = find(Div.class).id("diff-left-app.main");
    assertThat(find(Span.class, left).withClassName("diff-removed").all()).extracting(Span::getText)
        .containsExactly("− proc.spawn");
    assertThat(find(Span.class).withClassName("diff-risky").exists()).isFalse();
  }
}
