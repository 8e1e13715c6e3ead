package io.capgate.portal.approvals;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.aManifestYamlWith;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.manifests.ManifestLifecycle;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersion;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Who may do what around a request: activation by owners and reviewers, comments, auditors. */
@PortalTest
@RecordApplicationEvents
class ReviewRolesIT {

  @Autowired Approvals approvals;
  @Autowired ManifestVersions versions;
  @Autowired ManifestLifecycle lifecycle;
  @Autowired Fixtures fixtures;
  @Autowired ApplicationEvents events;

  @BeforeEach
  void useThisContextsSecurity() {
    fixtures.useThisContextsSecurity();
  }

  @Test
  void withSeparateActivationAnOwnerOrReviewerActivatesTheApprovedVersion() {
    var team = Team.of(fixtures, 1, true);
    long v1 = upload(team, aManifestYaml(), "first");
    approve(team.reviewer(), v1);

    assertThat(version(team, v1).state()).isEqualTo(ManifestState.APPROVED);
    assertThat(as(team.auditor(), () -> versions.active(team.service()))).isEmpty();
    assertThatThrownBy(() -> as(team.developer(), () -> approvals.activate(v1)))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(team.auditor(), () -> approvals.activate(v1)))
        .isInstanceOf(AccessDeniedException.class);

    as(team.owner(), () -> approvals.activate(v1));

    assertThat(version(team, v1).state()).isEqualTo(ManifestState.ACTIVE);
    long v2 = upload(team, aManifestYamlWith("uvicorn", "net.connect"), "calls the payment API");
    approve(team.reviewer(), v2);
    assertThat(version(team, v1).state()).isEqualTo(ManifestState.ACTIVE);
    assertThatThrownBy(() -> as(team.reviewer(), () -> lifecycle.activate(v1)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("is ACTIVE, not APPROVED");

    var active = as(team.secondReviewer(), () -> lifecycle.activate(v2));

    assertThat(active.state()).isEqualTo(ManifestState.ACTIVE);
    assertThat(version(team, v1).state()).isEqualTo(ManifestState.SUPERSEDED);
  }

  @Test
  void anApprovedVersionOlderThanTheActiveOneIsNotActivated() {
    var team = Team.of(fixtures, 1, true);
    long v1 = upload(team, aManifestYaml(), "first");
    long v2 = upload(team, aManifestYamlWith("uvicorn", "net.connect"), "second");
    approve(team.reviewer(), v1);
    approve(team.reviewer(), v2);
    as(team.owner(), () -> approvals.activate(v2));

    assertThatThrownBy(() -> as(team.owner(), () -> approvals.activate(v1)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("active and newer than version 1");
    assertThat(version(team, v1).state()).isEqualTo(ManifestState.APPROVED);
    assertThat(version(team, v2).state()).isEqualTo(ManifestState.ACTIVE);
  }

  @Test
  void commentsComeFromAnyoneWhoReadsTheProjectExceptAuditors() {
    var team = Team.of(fixtures, 1, false);
    long v1 = upload(team, aManifestYaml(), "first");
    long request = as(team.reviewer(), () -> approvals.forVersion(v1)).orElseThrow().id();

    as(team.reviewer(), () -> approvals.comment(request, "Why does app.main run git?"));
    as(team.developer(), () -> approvals.comment(request, "  To read the commit it runs from.  "));
    as(team.reviewer(), () -> approvals.approve(request, ""));
    as(team.owner(), () -> approvals.comment(request, "Noted after the fact."));

    assertThatThrownBy(() -> as(team.auditor(), () -> approvals.comment(request, "I only read")))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(team.reviewer(), () -> approvals.comment(request, "   ")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> as(team.reviewer(), () -> approvals.comment(request, "x".repeat(4001))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4000");
    assertThat(as(team.auditor(), () -> approvals.comments(request)))
        .extracting(ReviewComment::authorId, ReviewComment::body)
        .containsExactly(tuple(team.reviewer().id(), "Why does app.main run git?"),
            tuple(team.developer().id(), "To read the commit it runs from."),
            tuple(team.owner().id(), "Noted after the fact."));
    assertThat(audit("approval.commented")).hasSize(3).first().satisfies(e -> {
      assertThat(e.objectType()).isEqualTo("approval_request");
      assertThat(e.objectId()).isEqualTo(Long.toString(request));
      assertThat(e.after()).containsEntry("comment", "Why does app.main run git?").containsEntry("version", 1);
    });
  }

  @Test
  void auditorsReadRequestsAndChangeNothing() {
    var team = Team.of(fixtures, 1, true);
    long v1 = upload(team, aManifestYaml(), "first");
    long request = as(team.reviewer(), () -> approvals.forVersion(v1)).orElseThrow().id();
    var auditor = team.auditor();

    assertThatThrownBy(() -> as(auditor, () -> approvals.approve(request, ""))).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(auditor, () -> approvals.reject(request, ""))).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(auditor, () -> approvals.comment(request, "x"))).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(auditor, () -> lifecycle.approve(v1))).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(auditor, () -> lifecycle.reject(v1))).isInstanceOf(AccessDeniedException.class);
    approve(team.reviewer(), v1);
    assertThatThrownBy(() -> as(auditor, () -> lifecycle.activate(v1))).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(auditor, () -> approvals.activate(v1))).isInstanceOf(AccessDeniedException.class);

    assertThat(as(auditor, () -> approvals.get(request)).status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(as(auditor, () -> approvals.decisions(request))).hasSize(1);
    assertThat(as(auditor, () -> approvals.queue())).isEmpty();
    assertThat(version(team, v1).state()).isEqualTo(ManifestState.APPROVED);
  }


  private long upload(Team team, String yaml, String reason) {
    return as(team.developer(), () -> versions.upload(team.service(), yaml, reason)).version().version().id();
  }

  private ApprovalRequest approve(CapgateUser reviewer, long versionId) {
    long request = as(reviewer, () -> approvals.forVersion(versionId)).orElseThrow().id();
    return as(reviewer, () -> approvals.approve(request, ""));
  }

  private ManifestVersion version(Team team, long versionId) {
    return as(team.auditor(), () -> versions.get(versionId)).version();
  }

  private List<AuditEvent> audit(String action) {
    return events.stream(AuditEvent.class).filter(e -> e.action().equals(action)).toList();
  }
}
