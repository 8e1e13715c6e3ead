package io.capgate.portal.approvals;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.aManifestYamlWith;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.capgate.model.manifest.ManifestDiff;
import io.capgate.model.manifest.ManifestDiff.Change;
import io.capgate.model.manifest.ManifestDiff.Status;
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

@PortalTest
@RecordApplicationEvents
class ApprovalWorkflowIT {

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
  void aFirstVersionIsApprovedAndActiveThenARiskierOneSupersedesIt() {
    var team = Team.of(fixtures, 1, false);
    long v1 = upload(team, aManifestYaml(), "first manifest of the service");
    var request1 = as(team.reviewer(), () -> approvals.forVersion(v1)).orElseThrow();
    assertThat(request1).extracting(ApprovalRequest::status, ApprovalRequest::requestedBy, ApprovalRequest::reason,
            ApprovalRequest::baseVersionId, ApprovalRequest::requiredApprovals, ApprovalRequest::approvals)
        .containsExactly(ApprovalStatus.OPEN, team.developer().id(), "first manifest of the service", null, 1, 0);

    var approved1 = as(team.reviewer(), () -> approvals.approve(request1.id(), "matches the trace"));

    assertThat(approved1.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved1.decidedAt()).isNotNull();
    assertThat(version(team, v1).state()).isEqualTo(ManifestState.ACTIVE);
    var upload2 = as(team.developer(), () -> versions.upload(team.service(),
        aManifestYamlWith("app.main", "proc.spawn"), "app.main runs git through subprocess"));
    long v2 = upload2.version().version().id();
    var diff = upload2.diffAgainstActive();
    assertThat(diff.from().id()).isEqualTo(v1);
    assertThat(diff.diff().fields()).isEmpty();
    assertThat(diff.diff().defaults().status()).isEqualTo(Status.UNCHANGED);
    assertThat(diff.diff().modules()).filteredOn(m -> m.status() != Status.UNCHANGED)
        .extracting(ManifestDiff.PolicyChange::module, ManifestDiff.PolicyChange::status,
            ManifestDiff.PolicyChange::changes)
        .containsExactly(tuple("app.main", Status.CHANGED,
            List.of(new Change(ManifestDiff.CAPABILITY, "proc.spawn", true, true))));
    assertThat(diff.diff().risky()).isTrue();
    assertThat(as(team.reviewer(), () -> versions.diffAgainstActive(v2)).diff().toText())
        .isEqualTo(diff.diff().toText());
    var request2 = as(team.reviewer(), () -> approvals.forVersion(v2)).orElseThrow();
    assertThat(request2.baseVersionId()).isEqualTo(v1);

    as(team.reviewer(), () -> approvals.approve(request2.id(), ""));

    assertThat(version(team, v2).state()).isEqualTo(ManifestState.ACTIVE);
    var superseded = version(team, v1);
    assertThat(superseded.state()).isEqualTo(ManifestState.SUPERSEDED);
    assertThat(superseded.supersededAt()).isNotNull();
    assertThat(as(team.auditor(), () -> versions.active(team.service()))).get()
        .extracting(d -> d.version().id()).isEqualTo(v2);
    assertThat(as(team.auditor(), () -> approvals.get(request2.id())).baseVersionId()).isEqualTo(v1);
    assertThat(actions(v1)).containsExactly("manifest.draft_created", "manifest.submitted", "manifest.approved",
        "manifest.activated", "manifest.superseded");
    assertThat(actions(v2)).containsExactly("manifest.draft_created", "manifest.submitted", "manifest.approved",
        "manifest.activated");
    var supersededEvent = audit("manifest.superseded").getFirst();
    assertThat(supersededEvent.before()).containsEntry("state", "ACTIVE").containsEntry("version", 1);
    assertThat(supersededEvent.after()).containsEntry("state", "SUPERSEDED");
    assertThat(supersededEvent.actor().userId()).isEqualTo(team.reviewer().id());
    assertThat(audit("approval.approved")).hasSize(2).allSatisfy(e -> {
      assertThat(e.before()).containsEntry("status", "OPEN").containsEntry("approvals", 0);
      assertThat(e.after()).containsEntry("status", "APPROVED").containsEntry("decision", "APPROVE")
          .containsKey("hash");
    });
  }

  @Test
  void twoRequiredApprovalsNeedTwoDistinctReviewers() {
    var team = Team.of(fixtures, 2, false);
    long v1 = upload(team, aManifestYaml(), "first");
    long request = as(team.reviewer(), () -> approvals.forVersion(v1)).orElseThrow().id();

    var afterOne = as(team.reviewer(), () -> approvals.approve(request, "fine by me"));

    assertThat(afterOne.status()).isEqualTo(ApprovalStatus.OPEN);
    assertThat(afterOne.approvals()).isEqualTo(1);
    assertThat(version(team, v1).state()).isEqualTo(ManifestState.IN_REVIEW);
    assertThatThrownBy(() -> as(team.reviewer(), () -> approvals.approve(request, "again")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already decided (APPROVE)");
    assertThatThrownBy(() -> as(team.reviewer(), () -> approvals.reject(request, "changed my mind")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("each reviewer decides once");

    var afterTwo = as(team.secondReviewer(), () -> approvals.approve(request, "agreed"));

    assertThat(afterTwo.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(afterTwo.approvals()).isEqualTo(2);
    assertThat(version(team, v1).state()).isEqualTo(ManifestState.ACTIVE);
    assertThat(as(team.auditor(), () -> approvals.decisions(request)))
        .extracting(ReviewerDecision::reviewerId, ReviewerDecision::decision, ReviewerDecision::comment)
        .containsExactly(tuple(team.reviewer().id(), Decision.APPROVE, "fine by me"),
            tuple(team.secondReviewer().id(), Decision.APPROVE, "agreed"));
    assertThatThrownBy(() -> as(team.thirdReviewer(), () -> approvals.approve(request, "late")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("APPROVED and takes no more decisions");
  }

  @Test
  void aRejectionRejectsTheRequestAndTheVersionWhateverCameBefore() {
    var team = Team.of(fixtures, 2, false);
    long v1 = upload(team, aManifestYaml(), "first");
    long request = as(team.reviewer(), () -> approvals.forVersion(v1)).orElseThrow().id();
    as(team.reviewer(), () -> approvals.approve(request, ""));

    var rejected = as(team.secondReviewer(), () -> approvals.reject(request, "uvicorn should not need this"));

    assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(version(team, v1).state()).isEqualTo(ManifestState.REJECTED);
    assertThat(version(team, v1).decidedAt()).isNotNull();
    assertThat(as(team.auditor(), () -> versions.active(team.service()))).isEmpty();
    assertThatThrownBy(() -> as(team.thirdReviewer(), () -> approvals.approve(request, "")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("REJECTED and takes no more decisions");
    assertThat(audit("approval.rejected")).singleElement().satisfies(e -> {
      assertThat(e.before()).containsEntry("status", "OPEN");
      assertThat(e.after()).containsEntry("status", "REJECTED").containsEntry("comment", "uvicorn should not need this");
    });
    assertThat(actions(v1)).endsWith("manifest.rejected");
    var resubmitted = as(team.developer(), () -> versions.upload(team.service(), aManifestYaml(), "second try"));
    assertThat(resubmitted.created()).isFalse();
  }

  @Test
  void openRequestsStayOpenAndTheirBaseFollowsTheActiveVersion() {
    var team = Team.of(fixtures, 1, false);
    long v1 = upload(team, aManifestYaml(), "first");
    approve(team.reviewer(), v1);
    long v2 = upload(team, aManifestYamlWith("uvicorn", "net.connect"), "second");
    long v3 = upload(team, aManifestYamlWith("app.main", "proc.spawn"), "third");
    assertThat(as(team.reviewer(), () -> approvals.forVersion(v3)).orElseThrow().baseVersionId()).isEqualTo(v1);

    approve(team.reviewer(), v2);

    var open = as(team.reviewer(), () -> approvals.forVersion(v3)).orElseThrow();
    assertThat(open.status()).isEqualTo(ApprovalStatus.OPEN);
    assertThat(open.baseVersionId()).isEqualTo(v2);
    var diff = as(team.reviewer(), () -> versions.diffAgainstActive(v3));
    assertThat(diff.from().id()).isEqualTo(v2);
    assertThat(diff.diff().module("uvicorn").orElseThrow().capabilitiesRemoved()).containsExactly("net.connect");
    assertThat(diff.diff().module("app.main").orElseThrow().capabilitiesAdded()).containsExactly("proc.spawn");
    assertThat(as(team.reviewer(), () -> approvals.forVersion(v2)).orElseThrow().baseVersionId()).isEqualTo(v1);
  }

  @Test
  void theLifecycleCannotDecideBehindTheRequestsBack() {
    var team = Team.of(fixtures, 2, false);
    long v1 = upload(team, aManifestYaml(), "first");

    assertThatThrownBy(() -> as(team.reviewer(), () -> lifecycle.approve(v1)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("has no approved approval request");
    assertThatThrownBy(() -> as(team.reviewer(), () -> lifecycle.reject(v1)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("has no rejected approval request");
    assertThat(version(team, v1).state()).isEqualTo(ManifestState.IN_REVIEW);
    assertThatThrownBy(() -> as(team.developer(), () -> lifecycle.approve(v1)))
        .isInstanceOf(AccessDeniedException.class);
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

  private List<String> actions(long versionId) {
    return events.stream(AuditEvent.class)
        .filter(e -> e.objectType().equals("manifest_version") && e.objectId().equals(Long.toString(versionId)))
        .map(AuditEvent::action).toList();
  }

  private List<AuditEvent> audit(String action) {
    return events.stream(AuditEvent.class).filter(e -> e.action().equals(action)).toList();
  }
}
