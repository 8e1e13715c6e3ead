package io.capgate.portal.manifests;

/**
 * State changes that follow an approval decision, for the approvals feature only. Implementations
 * re-check that the caller may make the change (a reviewer of the project who did not author the
 * version), so a mistaken call from elsewhere still cannot approve anything.
 */
public interface ManifestLifecycle {

  /** IN_REVIEW → APPROVED; and → ACTIVE (superseding the previous active one) unless the project activates separately. */
  ManifestVersion approve(long versionId);

  /** IN_REVIEW → REJECTED. */
  ManifestVersion reject(long versionId);

  /** APPROVED → ACTIVE, superseding the previous active version. */
  ManifestVersion activate(long versionId);
}
