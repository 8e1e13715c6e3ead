package io.capgate.portal.base.ui;

import static io.capgate.portal.testing.Fixtures.as;

import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.manifests.ManifestVersionDetails;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;

/**
 * The people and things of a review, in a fresh organization: a project needing one approval and
 * activating on approval, a service, a developer who writes manifests and a reviewer.
 */
public final class ReviewScenario {

  public final long organization;
  public final long project;
  public final long service;
  public final CapgateUser developer;
  public final CapgateUser reviewer;
  private final ManifestVersions versions;
  private final Approvals approvals;

  public ReviewScenario(Fixtures fixtures, ManifestVersions versions, Approvals approvals) {
    this.versions = versions;
    this.approvals = approvals;
    organization = fixtures.anOrganization();
    project = fixtures.aProject(organization);
    service = fixtures.aService(project);
    developer = fixtures.aUser(organization);
    fixtures.grant(developer, project, Role.DEVELOPER);
    reviewer = fixtures.aUser(organization);
    fixtures.grant(reviewer, project, Role.REVIEWER);
  }

  /** The developer uploads {@code yaml} for review. */
  public ManifestVersionDetails submitted(String yaml) {
    return as(developer, () -> versions.upload(service, yaml, "needed for the release").version());
  }

  /** The developer uploads {@code yaml} and the reviewer approves it, which activates it. */
  public ManifestVersionDetails active(String yaml) {
    var version = submitted(yaml);
    as(reviewer, () -> approvals.approve(approvals.forVersion(version.version().id()).orElseThrow().id(), "ok"));
    return as(developer, () -> versions.get(version.version().id()));
  }
}
