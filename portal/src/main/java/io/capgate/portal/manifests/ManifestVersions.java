package io.capgate.portal.manifests;

import io.capgate.model.manifest.ManifestProblem;
import java.util.List;
import java.util.Optional;

/**
 * The public API of manifest versions. Every method checks the caller's organization and roles:
 * reading needs any role on the service's project; drafting, submitting and uploading need
 * DEVELOPER or PROJECT_OWNER; state changes that follow a decision are made by the approvals
 * feature through {@link ManifestLifecycle}, never by views or the API directly.
 */
public interface ManifestVersions {

  /** Parses and validates without saving: what the editor shows as you type (authenticated callers). */
  List<ManifestProblem> validate(String yaml);

  /** A new DRAFT version with the next number. */
  ManifestVersionDetails createDraft(long serviceId, String yaml);

  /** Replaces a DRAFT's content; any other state is immutable. */
  ManifestVersionDetails updateDraft(long versionId, String yaml);

  /** DRAFT → IN_REVIEW, opening an approval request with the reason. */
  UploadResult submit(long versionId, String reason);

  /** Creates a version and submits it in one step (the API's upload). */
  UploadResult upload(long serviceId, String yaml, String reason);

  ManifestVersionDetails get(long versionId);

  /** A version by service and number (the UI's URLs). */
  ManifestVersionDetails get(long serviceId, int version);

  /** A version of the service by the hash of its canonical form. */
  Optional<ManifestVersionDetails> findByHash(long serviceId, String hash);

  Optional<ManifestVersionDetails> active(long serviceId);

  /** Newest first. */
  List<ManifestVersion> history(long serviceId, int offset, int limit);

  int countVersions(long serviceId);

  VersionDiff diff(long fromVersionId, long toVersionId);

  /** The version against the service's active one (everything added when none is active). */
  VersionDiff diffAgainstActive(long versionId);
}
