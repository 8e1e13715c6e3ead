package io.capgate.portal.violations.ui;

import io.capgate.portal.base.ui.RangePicker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.protocol.ViolationAction;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.gateway.GatewayServer;
import io.capgate.portal.gateway.GatewayTestSupport;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.projects.ui.ProjectsView;
import io.capgate.portal.security.Role;
import io.capgate.portal.traces.AgentStream;
import io.capgate.portal.violations.StoredViolation;
import io.capgate.portal.violations.ViolationFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The violations page without a browser: filters, lazy keyset paging, the per-service page, tenants, arrivals. */
class ViolationsViewIT extends BrowserlessPortalTest {

  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired ViolationFeed feed;
  @Autowired Clock clock;

  GatewayTestSupport support;
  GatewayTestSupport.Enrolled enrolled;
  long checkout;
  long billing;
  List<String> keys = new ArrayList<>();

  @BeforeEach
  void sevenViolations() {
    support = new GatewayTestSupport(fixtures, tokens, server, pki);
    enrolled = support.enroll();
    checkout = fixtures.aService(enrolled.projectId());
    billing = fixtures.aService(enrolled.projectId());
    long t = clock.instant().minus(Duration.ofMinutes(30)).toEpochMilli();
    try (var stream = new AgentStream(support, enrolled)) {
      for (int i = 0; i < 7; i++) {
        keys.add(stream.violation(i % 2 == 0 ? checkout : billing, i < 3 ? "app.main" : "yaml.loader",
            i == 6 ? "connect" : "execve", i == 6 ? ViolationAction.ALERTED : ViolationAction.KILLED, t + i * 1000L));
      }
      stream.flush();
    }
  }

  static List<String> rows(ViolationsView view) {
    return view.grid.getLazyDataView().getItems().map(StoredViolation::key).toList();
  }

  @Test
  void listsTheOrganizationsViolationsNewestFirstAndFilters() {
    signIn(enrolled.operator());
    var view = navigate(ViolationsView.class);

    assertThat(rows(view)).containsExactlyElementsOf(keys.reversed());

    view.action.setValue("ALERTED");
    assertThat(rows(view)).containsExactly(keys.get(6));
    view.action.clear();
    view.module.setValue("LOADER");
    assertThat(rows(view)).containsExactly(keys.get(6), keys.get(5), keys.get(4), keys.get(3));
    view.service.setValue(view.service.getListDataView().getItems().filter(s -> s.id() == checkout).findFirst()
        .orElseThrow());
    assertThat(rows(view)).containsExactly(keys.get(6), keys.get(4));
    view.range.range.setValue(RangePicker.Range.CUSTOM);
    view.range.to.setValue(java.time.LocalDateTime.ofInstant(clock.instant().minus(Duration.ofHours(1)),
        java.time.ZoneOffset.UTC));
    assertThat(rows(view)).as("all are newer than an hour ago").isEmpty();
  }

  @Test
  void pagesLazilyThroughKeysetCursorsAlsoWhenTheGridJumps() {
    signIn(enrolled.operator());
    var view = navigate(ViolationsView.class);
    var newestFirst = keys.reversed();

    assertThat(keysOf(view.pager.fetch(0, 3))).containsExactlyElementsOf(newestFirst.subList(0, 3));
    assertThat(keysOf(view.pager.fetch(3, 3))).containsExactlyElementsOf(newestFirst.subList(3, 6));
    assertThat(keysOf(view.pager.fetch(6, 3))).containsExactlyElementsOf(newestFirst.subList(6, 7));
    view.pager.reset(view.currentFilter());
    assertThat(keysOf(view.pager.fetch(5, 2))).as("a jump walks from the top").containsExactlyElementsOf(
        newestFirst.subList(5, 7));
    assertThat(view.pager.fetch(7, 3)).isEmpty();
    assertThat(view.pager.fetch(20, 3)).isEmpty();
  }

  @Test
  void theServicePageShowsOnlyThatService() {
    signIn(enrolled.operator());
    var view = navigate("services/" + billing + "/violations", ViolationsView.class);

    assertThat(rows(view)).containsExactly(keys.get(5), keys.get(3), keys.get(1));
    assertThat(view.service.isVisible()).isFalse();
    assertThat(view.getPageTitle()).startsWith("Violations of service-");
  }

  @Test
  void anotherOrganizationSeesNoneAndCannotOpenTheServicePage() {
    var stranger = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);
    signIn(stranger);
    var view = navigate(ViolationsView.class);

    assertThat(rows(view)).doesNotContainAnyElementsOf(keys);
    assertThat(view.service.getListDataView().getItems()).noneMatch(s -> s.id() == checkout || s.id() == billing);
    assertThatThrownBy(() -> navigate("services/" + checkout + "/violations", ViolationsView.class))
        .as("the route answers not found, so no view of that type opens").isInstanceOf(Exception.class);
  }

  @Test
  void arrivalsWhileNotLiveAreCountedUntilShown() {
    signIn(enrolled.operator());
    var view = navigate(ViolationsView.class);
    view.live.setValue(false);

    String late;
    try (var stream = new AgentStream(support, enrolled, keys.size())) {
      late = stream.violation(checkout, "app.main", "execve", ViolationAction.KILLED, clock.millis());
      stream.flush();
    }
    awaitArrival(view);

    assertThat(view.newArrivals.getText()).isEqualTo("1 new — show");
    view.newArrivals.click();
    assertThat(rows(view).getFirst()).isEqualTo(late);
    assertThat(view.newArrivals.isVisible()).isFalse();
  }

  @Test
  void theViewSubscribesWhileAttachedOnly() {
    signIn(enrolled.operator());
    int before = feed.subscribers(enrolled.organizationId());
    navigate(ViolationsView.class);
    assertThat(feed.subscribers(enrolled.organizationId())).isEqualTo(before + 1);

    navigate(ProjectsView.class);
    assertThat(feed.subscribers(enrolled.organizationId())).as("leaving the page unsubscribes").isEqualTo(before);
  }

  private void awaitArrival(ViolationsView view) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!view.newArrivals.isVisible()) {
      assertThat(System.nanoTime()).as("the arrival reached the view in time").isLessThan(deadline);
      var session = com.vaadin.flow.server.VaadinSession.getCurrent();
      session.getService().runPendingAccessTasks(session); // what the push would run
      roundTrip();
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll, not a timing sleep
    }
  }

  private static List<String> keysOf(List<StoredViolation> rows) {
    return rows.stream().map(StoredViolation::key).toList();
  }
}
