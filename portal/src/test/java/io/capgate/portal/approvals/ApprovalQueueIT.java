package io.capgate.portal.approvals;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.aManifestYamlWith;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@PortalTest
class ApprovalQueueIT {

  @Autowired Approvals approvals;
  @Autowired ManifestVersions versions;
  @Autowired Fixtures fixtures;

  @BeforeEach
  void useThisContextsSecurity() {
    fixtures.useThisContextsSecurity();
  }

  @Test
  void aReviewerSeesOpenRequestsOfTheirProjectsExceptTheirOwnOldestFirst() {
    var team = Team.of(fixtures, 1, false);
    long otherService = fixtures.aService(team.project());
    long notReviewed = fixtures.aProject(team.org());
    long notReviewedService = fixtures.aService(notReviewed);
    var reviewer = Team.member(fixtures, team.org(), team.project(), Role.REVIEWER, Role.DEVELOPER);
    fixtures.grant(reviewer, notReviewed, Role.DEVELOPER);
    fixtures.grant(team.developer(), notReviewed, Role.DEVELOPER);
    var orgWideReviewer = fixtures.aUser(team.org());
    fixtures.grant(orgWideReviewer, null, Role.REVIEWER);

    long first = submit(team.developer(), team.service(), aManifestYaml());
    long own = submit(reviewer, otherService, aManifestYaml());
    long elsewhere = submit(team.developer(), notReviewedService, aManifestYaml());
    long second = submit(team.developer(), team.service(), aManifestYamlWith("uvicorn", "net.connect"));
    long decided = submit(team.developer(), otherService, aManifestYamlWith("uvicorn", "net.connect"));
    as(team.reviewer(), () -> approvals.reject(decided, "no"));
    var stranger = Team.of(fixtures, 1, false);
    long foreign = submit(stranger.developer(), stranger.service(), aManifestYaml());

    assertThat(as(reviewer, () -> approvals.queue())).extracting(ApprovalRequest::id).containsExactly(first, second);
    assertThat(as(orgWideReviewer, () -> approvals.queue())).extracting(ApprovalRequest::id)
        .containsExactly(first, own, elsewhere, second);
    assertThat(as(team.developer(), () -> approvals.queue())).isEmpty();
    assertThat(as(stranger.reviewer(), () -> approvals.queue())).extracting(ApprovalRequest::id)
        .containsExactly(foreign);
    assertThat(as(reviewer, () -> approvals.queue()).getFirst()).satisfies(r -> {
      assertThat(r.serviceId()).isEqualTo(team.service());
      assertThat(r.version()).isEqualTo(1);
      assertThat(r.projectId()).isEqualTo(team.project());
      assertThat(r.requestedByName()).isEqualTo(team.developer().displayName());
    });
  }

  private long submit(CapgateUser author, long service, String yaml) {
    long version = as(author, () -> versions.upload(service, yaml, "needed")).version().version().id();
    return as(author, () -> approvals.forVersion(version)).orElseThrow().id();
  }
}
