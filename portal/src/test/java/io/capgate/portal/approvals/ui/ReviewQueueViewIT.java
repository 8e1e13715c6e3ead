package io.capgate.portal.approvals.ui;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.capgate.portal.approvals.ApprovalRequest;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.base.ui.ReviewScenario;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.manifests.ui.ManifestVersionView;
import io.capgate.portal.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ReviewQueueViewIT extends BrowserlessPortalTest {

  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  ReviewScenario scenario;

  @BeforeEach
  void aDeveloperWhoIsAlsoReviewerAsksForReview() {
    scenario = new ReviewScenario(fixtures, versions, approvals);
    fixtures.grant(scenario.developer, scenario.project, Role.REVIEWER);
    scenario.submitted(aManifestYaml());
  }

  @Test
  void aReviewerSeesTheOpenRequestAndOpensItsVersion() {
    signIn(scenario.reviewer);
    navigate(ReviewQueueView.class);

    @SuppressWarnings("unchecked")
    Grid<ApprovalRequest> grid = find(Grid.class).id("reviews-grid");
    assertThat(test(grid).size()).isEqualTo(1);
    var link = (Anchor) test(grid).getCellComponent(0, 1);
    assertThat(link.getText()).isEqualTo("v1");
    assertThat(link.getId()).hasValue("review-link-" + scenario.service + "-1");
    assertThat(link.getHref()).isEqualTo("services/" + scenario.service + "/versions/1");
    assertThat(test(grid).getCellText(0, 3)).isEqualTo(scenario.developer.displayName());
    assertThat(test(grid).getCellText(0, 4)).isEqualTo("needed for the release");
    assertThat(test(grid).getCellText(0, 5)).isEqualTo("0/1");
    assertThat(find(Paragraph.class).withId("reviews-empty").exists()).isFalse();

    test(grid).clickRow(0);
    assertThat(getCurrentView()).isInstanceOf(ManifestVersionView.class);
    assertThat(find(Span.class).id("version-state").getText()).isEqualTo("IN_REVIEW");
  }

  @Test
  void theAuthorDoesNotSeeTheirOwnRequest() {
    signIn(scenario.developer);
    navigate(ReviewQueueView.class);

    @SuppressWarnings("unchecked")
    Grid<ApprovalRequest> grid = find(Grid.class).id("reviews-grid");
    assertThat(test(grid).size()).isZero();
    assertThat(find(Paragraph.class).id("reviews-empty").isVisible()).isTrue();
  }
}
