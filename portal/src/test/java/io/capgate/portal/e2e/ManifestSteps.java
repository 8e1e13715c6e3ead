package io.capgate.portal.e2e;

import static io.capgate.portal.testing.Fixtures.as;

import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersion;
import io.capgate.portal.manifests.ManifestVersions;

/**
 * The manifest workflow as the people of a {@link Fleet} go through it: the developer drafts and submits, the
 * reviewer (never the author: four eyes) approves, and the version is activated.
 */
final class ManifestSteps {

  private final Fleet fleet;
  private final ManifestVersions versions;
  private final Approvals approvals;

  ManifestSteps(Fleet fleet, ManifestVersions versions, Approvals approvals) {
    this.fleet = fleet;
    this.versions = versions;
    this.approvals = approvals;
  }

  /** The developer submits a draft for review; returns the version, IN_REVIEW. */
  ManifestVersion submit(long versionId) {
    return as(fleet.developer, () -> versions.submit(versionId, "fleet test: what the service was observed doing")
        .version().version());
  }

  /** The developer drafts the YAML and submits it; returns the version, IN_REVIEW. */
  ManifestVersion draftAndSubmit(long serviceId, String yaml) {
    return as(fleet.developer, () -> {
      var draft = versions.createDraft(serviceId, yaml);
      return versions.submit(draft.version().id(), "fleet test: what the service was observed doing")
          .version().version();
    });
  }

  /** The reviewer approves the version's request; with one required approval that approves the version. */
  void approve(long versionId) {
    as(fleet.reviewer, () -> {
      var request = approvals.forVersion(versionId).orElseThrow();
      approvals.approve(request.id(), "looks like what it does");
    });
  }

  /** The reviewer activates the approved version (projects with a separate activation step). */
  void activate(long versionId) {
    as(fleet.reviewer, () -> approvals.activate(versionId));
  }

  ManifestState state(long versionId) {
    return as(fleet.reviewer, () -> versions.get(versionId).version().state());
  }

  /** Drafted, submitted, approved and, when the project activates separately, activated: ACTIVE. */
  ManifestVersion activeVersion(long serviceId, String yaml) {
    var version = draftAndSubmit(serviceId, yaml);
    approve(version.id());
    if (state(version.id()) == ManifestState.APPROVED) {
      activate(version.id());
    }
    return version;
  }
}
