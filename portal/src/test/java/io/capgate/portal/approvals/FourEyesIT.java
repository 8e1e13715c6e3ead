package io.capgate.portal.approvals;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.manifests.ManifestLifecycle;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** The author of a version never approves or rejects it, by any route, whatever roles they hold. */
@PortalTest
class FourEyesIT {

  @Autowired Approvals approvals;
  @Autowired ManifestVersions versions;
  @Autowired ManifestLifecycle lifecycle;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  Team team;
  /** Writes manifests and also reviews the project, organization-wide owner too. */
  CapgateUser author;
  long version;
  long request;

  @BeforeEach
  void setUp() {
    fixtures.useThisContextsSecurity();
    team = Team.of(fixtures, 1, false);
    author = Team.member(fixtures, team.org(), team.project(), Role.DEVELOPER, Role.REVIEWER);
    fixtures.grant(author, null, Role.PROJECT_OWNER);
    version = as(author, () -> versions.upload(team.service(), aManifestYaml(), "my change")).version().version().id();
    request = as(author, () -> approvals.forVersion(version)).orElseThrow().id();
  }

  @Test
  void theAuthorCannotDecideThroughApprovals() {
    assertThatThrownBy(() -> as(author, () -> approvals.approve(request, "lgtm")))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("Four eyes");
    assertThatThrownBy(() -> as(author, () -> approvals.reject(request, "")))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("Four eyes");

    assertThat(as(author, () -> approvals.decisions(request))).isEmpty();
    assertThat(as(author, () -> approvals.get(request)).status()).isEqualTo(ApprovalStatus.OPEN);
    assertThat(as(author, () -> approvals.queue())).extracting(ApprovalRequest::id).doesNotContain(request);
    assertThat(as(team.reviewer(), () -> approvals.queue())).extracting(ApprovalRequest::id).contains(request);
  }

  @Test
  void theAuthorCannotDecideThroughTheLifecycle() {
    assertThatThrownBy(() -> as(author, () -> lifecycle.approve(version)))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("Four eyes");
    assertThatThrownBy(() -> as(author, () -> lifecycle.reject(version)))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("Four eyes");

    assertThat(as(author, () -> versions.get(version)).version().state()).isEqualTo(ManifestState.IN_REVIEW);
  }

  @Test
  void theDatabaseRefusesTheAuthorsDecision() {
    assertThatThrownBy(() -> insertDecision(author, "APPROVE"))
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("four eyes");
    assertThatThrownBy(() -> insertDecision(author, "REJECT"))
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("four eyes");

    insertDecision(team.reviewer(), "APPROVE");
    assertThatThrownBy(() -> jdbc.sql("update approval_decisions set reviewer_id = ? where request_id = ?")
        .params(author.id(), request).update())
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("four eyes");
    assertThat(as(author, () -> approvals.decisions(request))).extracting(ReviewerDecision::reviewerId)
        .containsExactly(team.reviewer().id());
  }

  @Test
  void aDecidedRequestTakesNoMoreDecisionsEvenStraightInTheDatabase() {
    as(team.reviewer(), () -> approvals.approve(request, ""));

    assertThatThrownBy(() -> insertDecision(team.secondReviewer(), "REJECT"))
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("takes no more decisions");
    assertThat(as(author, () -> versions.get(version)).version().state()).isEqualTo(ManifestState.ACTIVE);
  }

  @Test
  void anAuthorsApprovalNeverCountsTowardsTheRequiredNumber() {
    var strict = Team.of(fixtures, 2, false);
    var writer = Team.member(fixtures, strict.org(), strict.project(), Role.DEVELOPER, Role.REVIEWER);
    long v = as(writer, () -> versions.upload(strict.service(), aManifestYaml(), "mine")).version().version().id();
    long r = as(writer, () -> approvals.forVersion(v)).orElseThrow().id();

    as(strict.reviewer(), () -> approvals.approve(r, ""));
    assertThatThrownBy(() -> as(writer, () -> approvals.approve(r, ""))).isInstanceOf(AccessDeniedException.class);

    assertThat(as(writer, () -> approvals.get(r))).extracting(ApprovalRequest::status, ApprovalRequest::approvals)
        .containsExactly(ApprovalStatus.OPEN, 1);
    assertThat(as(strict.secondReviewer(), () -> approvals.approve(r, "")).status()).isEqualTo(ApprovalStatus.APPROVED);
  }

  private void insertDecision(CapgateUser reviewer, String decision) {
    jdbc.sql("insert into approval_decisions (request_id, reviewer_id, decision) values (?, ?, ?)")
        .params(request, reviewer.id(), decision).update();
  }
}
