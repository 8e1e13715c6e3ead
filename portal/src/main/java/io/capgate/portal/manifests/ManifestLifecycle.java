package io.capgate.portal.manifests;

/**
 * State changes that follow an approval decision, for the approvals feature only. Implementations
 * re-check that the caller may make the change (a reviewer of the project who did not author the
 * version), so a mistaken call from elsewhere still cannot approve anything; and the database
 * refuses to approve (or reject) a version whose approval request is not approved (rejected): decide
 * through {@code Approvals}, which calls these.
 *
 * <p>Activating a version supersedes the service's active one in the same transaction (at most one
 * is active). Open requests of the service's other versions stay open: their base, and so their
 * diff, is recomputed against the new active version whenever they are read.
 */
public interface ManifestLifecycle {

  /**
   * IN_REVIEW → APPROVED; and → ACTIVE (superseding the previous active one) unless the project
   * activates separately. Needs REVIEWER on the project and never the version's author.
   */
  ManifestVersion approve(long versionId);

  /** IN_REVIEW → REJECTED. Needs REVIEWER on the project and never the version's author. */
  ManifestVersion reject(long versionId);

  /**
   * APPROVED → ACTIVE, superseding the previous active version; by a PROJECT_OWNER or REVIEWER of
   * the project (the author included: the decision was already made by others). A version older
   * than the active one is refused ({@link io.capgate.portal.base.ConflictException}).
   */
  ManifestVersion activate(long versionId);
}
