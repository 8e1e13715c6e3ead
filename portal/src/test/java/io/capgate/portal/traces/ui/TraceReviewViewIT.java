package io.capgate.portal.traces.ui;

import io.capgate.portal.base.ui.RangePicker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.gateway.GatewayServer;
import io.capgate.portal.gateway.GatewayTestSupport;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.traces.AgentStream;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The trace review page without a browser: summary, loss, gap, and turning it into a draft. */
class TraceReviewViewIT extends BrowserlessPortalTest {

  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired ManifestVersions versions;
  @Autowired Clock clock;

  GatewayTestSupport.Enrolled enrolled;
  long service;
  CapgateUser developer;

  @BeforeEach
  void observedService() {
    var support = new GatewayTestSupport(fixtures, tokens, server, pki);
    enrolled = support.enroll();
    service = fixtures.aService(enrolled.projectId());
    developer = fixtures.aUser(enrolled.organizationId(), Role.DEVELOPER);
    long t0 = clock.instant().minus(Duration.ofMinutes(20)).toEpochMilli();
    long t1 = clock.instant().minus(Duration.ofMinutes(1)).toEpochMilli();
    try (var stream = new AgentStream(support, enrolled)) {
      stream.observe(service, "app.main", "openat", null, 12, t0, t1)
          .observe(service, "app.main", "execve", "/bin/sh", 1, t1, t1)
          .drops(service, 0, 0, 3, t0, t1)
          .flush();
    }
  }

  @Test
  void showsModulesLossAndTheRiskyGap() {
    signIn(enrolled.operator());
    var view = navigate("services/" + service + "/traces", TraceReviewView.class);

    assertThat(view.shown().modules()).singleElement().satisfies(m -> assertThat(m.total()).isEqualTo(13));
    assertThat(find(Div.class).id("traces-module-app.main")).isNotNull();
    var completeness = find(Div.class).id("traces-completeness");
    assertThat(completeness.hasClassName("incomplete")).isTrue();
    assertThat(completeness.getElement().getTextRecursively()).contains("3 kernel events lost");
    var notAllowed = find(Div.class).id("traces-not-allowed");
    assertThat(find(Span.class, notAllowed).withClassName("gap-risky").all()).extracting(Span::getText)
        .anyMatch(t -> t.contains("execve (proc.spawn)")).anyMatch(t -> t.contains("exec /bin/sh"));
    assertThat(find(Pre.class).id("traces-draft-diff").getText()).contains("proc.spawn");
    assertThat(view.turnIntoDraft.isVisible()).as("an operator is no author").isFalse();
  }

  @Test
  void turnIntoDraftCreatesADraftAndOpensIt() {
    signIn(developer);
    var view = navigate("services/" + service + "/traces", TraceReviewView.class);
    assertThat(view.turnIntoDraft.isVisible() && view.turnIntoDraft.isEnabled()).isTrue();

    test(view.turnIntoDraft).click();

    var draft = versions.get(service, 1);
    assertThat(draft.version().state()).isEqualTo(ManifestState.DRAFT);
    assertThat(draft.manifest().modules().get("app.main").capabilities()).contains("fs.read", "proc.spawn");
    assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
        .isEqualTo("services/" + service + "/versions/1");
  }

  @Test
  void aRangeWithNothingObservedOffersNoDraft() {
    signIn(developer);
    var view = navigate("services/" + service + "/traces", TraceReviewView.class);
    view.range.range.setValue(RangePicker.Range.CUSTOM);
    var longAgo = java.time.LocalDateTime.of(2020, 1, 1, 0, 0);
    view.range.from.setValue(longAgo);
    view.range.to.setValue(longAgo.plusHours(1));

    assertThat(view.shown().modules()).isEmpty();
    assertThat(view.turnIntoDraft.isEnabled()).isFalse();
    assertThat(find(com.vaadin.flow.component.html.Paragraph.class).id("traces-draft-problem").getText())
        .contains("Nothing was observed");
  }

  @Test
  void anotherOrganizationCannotOpenTheReview() {
    signIn(fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN));
    assertThatThrownBy(() -> navigate("services/" + service + "/traces", TraceReviewView.class))
        .isInstanceOf(Exception.class);
  }
}
