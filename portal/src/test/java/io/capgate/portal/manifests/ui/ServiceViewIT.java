package io.capgate.portal.manifests.ui;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.aManifestYamlWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.base.ui.ReviewScenario;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersion;
import io.capgate.portal.manifests.ManifestVersions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ServiceViewIT extends BrowserlessPortalTest {

  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  ReviewScenario scenario;

  @BeforeEach
  void twoVersions() {
    scenario = new ReviewScenario(fixtures, versions, approvals);
    scenario.active(aManifestYaml());
    scenario.submitted(aManifestYamlWith("app.main", "proc.spawn"));
  }

  @Test
  void theHistoryPagesFromTheServerNewestFirstAndComparesTwoSelectedVersions() {
    signIn(scenario.developer);
    navigate(ServiceView.class, Map.of("serviceId", Long.toString(scenario.service)));

    @SuppressWarnings("unchecked")
    Grid<ManifestVersion> grid = find(Grid.class).id("versions-grid");
    assertThat(grid.getDataProvider().isInMemory()).isFalse();
    assertThat(test(grid).size()).isEqualTo(2);
    assertThat(test(grid).getRow(0).version()).isEqualTo(2);
    assertThat(test(grid).getRow(1).state()).isEqualTo(ManifestState.ACTIVE);
    assertThat(find(Button.class).id("version-new-draft").isVisible()).isTrue();

    var compare = find(Button.class).id("versions-compare");
    assertThat(compare.isEnabled()).isFalse();
    grid.select(test(grid).getRow(0));
    grid.select(test(grid).getRow(1));
    assertThat(compare.isEnabled()).isTrue();
    test(compare).click();

    assertThat(getCurrentView()).isInstanceOf(DiffView.class);
    assertThat(find(Span.class).id("diff-summary").getText()).isEqualTo("1 module changed: +proc.spawn (risky) in app.main");
  }

  @Test
  void openActiveGoesToTheActiveVersionAndReviewersCannotDraft() {
    signIn(scenario.reviewer);
    navigate(ServiceView.class, Map.of("serviceId", Long.toString(scenario.service)));

    assertThat(find(Button.class).withId("version-new-draft").exists()).isFalse();
    test(find(Button.class).id("version-open-active")).click();

    assertThat(getCurrentView()).isInstanceOf(ManifestVersionView.class);
    assertThat(find(com.vaadin.flow.component.html.H2.class).id("version-title").getText()).endsWith(" v1");
    assertThat(find(Span.class).id("version-state").getText()).isEqualTo("ACTIVE");
  }
}
