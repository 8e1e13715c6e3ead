package io.capgate.portal.traces;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.gateway.GatewayServer;
import io.capgate.portal.gateway.GatewayTestSupport;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The trace review on observations streamed through a real agent session: summary per module, loss made visible,
 * the gap to the active manifest both ways, and "turn into draft" creating a DRAFT version with what was observed.
 */
@PortalTest
class TraceReviewIT {

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired TraceReview review;
  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  GatewayTestSupport.Enrolled enrolled;
  long service;
  CapgateUser developer;
  CapgateUser reviewer;
  Instant now;
  Instant from;
  Instant to;

  @BeforeEach
  void observedService() {
    var support = new GatewayTestSupport(fixtures, tokens, server, pki);
    enrolled = support.enroll();
    service = fixtures.aService(enrolled.projectId());
    developer = fixtures.aUser(enrolled.organizationId(), Role.DEVELOPER);
    reviewer = fixtures.aUser(enrolled.organizationId(), Role.REVIEWER);
    now = clock.instant();
    from = now.minus(Duration.ofHours(1));
    to = now.plus(Duration.ofMinutes(1));
    long t0 = now.minus(Duration.ofMinutes(10)).toEpochMilli();
    long t1 = now.minus(Duration.ofMinutes(2)).toEpochMilli();
    try (var stream = new AgentStream(support, enrolled)) {
      stream.observe(service, "app.main", "openat", null, 10, t0, t1)
          .observe(service, "app.main", "openat", null, 5, t0 + 1000, t1 + 1000)
          .observe(service, "app.main", "execve", "/bin/sh", 1, t1, t1)
          .observe(service, "requests", "connect", null, 3, t0, t1)
          .observe(service, "old.module", "openat", null, 1, now.minus(Duration.ofDays(3)).toEpochMilli(),
              now.minus(Duration.ofDays(3)).toEpochMilli())
          .drops(service, 7, 0, 2, t0, t1)
          .flush();
    }
  }

  @Test
  void summarisesEachModuleInTheRangeAndShowsWhatAgentsLost() {
    var behaviour = as(developer, () -> review.review(service, from, to));

    assertThat(behaviour.modules()).extracting(ModuleActivity::module).containsExactly("app.main", "requests");
    var main = behaviour.modules().getFirst();
    assertThat(main.total()).isEqualTo(16);
    assertThat(main.syscalls()).extracting(ObservationSummary::syscall, ObservationSummary::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("execve", 1L), org.assertj.core.groups.Tuple.tuple(
            "openat", 15L));
    assertThat(main.exec()).containsEntry("/bin/sh", 1L);
    assertThat(main.sampleStack()).isEqualTo(AgentStream.STACK);
    assertThat(behaviour.incomplete()).isTrue();
    assertThat(behaviour.observationsDropped()).isEqualTo(7);
    assertThat(behaviour.kernelEventsLost()).isEqualTo(2);
  }

  @Test
  void withoutAnActiveVersionEverythingObservedIsNotAllowedAndTheDraftIsWhatCapgateBuildMakes() {
    var behaviour = as(developer, () -> review.review(service, from, to));

    assertThat(behaviour.active()).isEmpty();
    assertThat(behaviour.gap().notAllowed()).extracting(ManifestGap.NotAllowed::name)
        .contains("openat", "execve", "/bin/sh", "connect");
    var draft = behaviour.draft().orElseThrow();
    assertThat(draft.modules().get("app.main").capabilities()).contains("fs.read", "proc.spawn");
    assertThat(draft.modules().get("app.main").exec()).containsExactly("/bin/sh");
    assertThat(draft.modules()).containsKey("requests");
  }

  @Test
  void againstTheActiveVersionItShowsRiskyAdditionsAndWhatWasNeverUsed() {
    activate(Fixtures.aManifestYaml());

    var gap = as(reviewer, () -> review.review(service, from, to)).gap();

    assertThat(gap.notAllowed()).extracting(ManifestGap.NotAllowed::module, ManifestGap.NotAllowed::name,
        ManifestGap.NotAllowed::risky).contains(
            org.assertj.core.groups.Tuple.tuple("app.main", "execve", true),
            org.assertj.core.groups.Tuple.tuple("app.main", "/bin/sh", true),
            org.assertj.core.groups.Tuple.tuple("requests", "connect", false));
    assertThat(gap.notAllowed()).extracting(ManifestGap.NotAllowed::name).doesNotContain("openat");
    assertThat(gap.notAllowed()).filteredOn(n -> n.name().equals("execve")).singleElement()
        .satisfies(n -> assertThat(n.group()).isEqualTo("proc.spawn"));
    assertThat(gap.neverObserved()).extracting(ManifestGap.NeverObserved::module, ManifestGap.NeverObserved::name)
        .contains(org.assertj.core.groups.Tuple.tuple("uvicorn", "net.listen"),
            org.assertj.core.groups.Tuple.tuple("app.main", "/usr/bin/git"))
        .doesNotContain(org.assertj.core.groups.Tuple.tuple("app.main", "fs.read"));
  }

  @Test
  void turnIntoDraftCreatesADraftWithTheObservedSyscallsOnTopOfTheActiveVersion() {
    activate(Fixtures.aManifestYaml());

    var created = as(developer, () -> review.turnIntoDraft(service, from, to));

    assertThat(created.version().state()).isEqualTo(ManifestState.DRAFT);
    assertThat(created.version().version()).isEqualTo(2);
    assertThat(created.version().authorId()).isEqualTo(developer.id());
    var manifest = created.manifest();
    assertThat(manifest.modules().get("app.main").capabilities()).contains("fs.read", "io", "proc.spawn");
    assertThat(manifest.modules().get("app.main").exec()).containsExactly("/bin/sh", "/usr/bin/git");
    assertThat(manifest.modules().get("requests").capabilities()).isNotEmpty();
    assertThat(manifest.modules().get("uvicorn").capabilities()).as("nothing is removed").contains("net.listen");
    assertThat(jdbc.sql("select count(*) from audit_log where action = 'trace.draft_built' and object_id = ?")
        .param(Long.toString(created.version().id())).query(Long.class).single()).isOne();
  }

  @Test
  void onlyAuthorsTurnObservationsIntoDrafts() {
    assertThatThrownBy(() -> as(reviewer, () -> review.turnIntoDraft(service, from, to)))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(as(reviewer, () -> versions.countVersions(service))).isZero();
  }

  @Test
  void anEmptyRangeHasNothingToTurnIntoADraft() {
    var empty = now.minus(Duration.ofDays(30));
    assertThatThrownBy(() -> as(developer, () -> review.turnIntoDraft(service, empty, empty.plusSeconds(60))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Nothing was observed");
  }

  @Test
  void anotherOrganizationsServiceIsNotFound() {
    var stranger = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);
    assertThatThrownBy(() -> as(stranger, () -> review.review(service, from, to)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(stranger, () -> review.turnIntoDraft(service, from, to)))
        .isInstanceOf(NotFoundException.class);
  }

  private void activate(String yaml) {
    var version = as(developer, () -> versions.upload(service, yaml, "baseline")).version();
    as(reviewer, () -> approvals.approve(approvals.forVersion(version.version().id()).orElseThrow().id(), "ok"));
  }
}
