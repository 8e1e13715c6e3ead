package io.capgate.portal.approvals;

import java.util.List;
import java.util.Optional;

/**
 * The public API of approvals. Deciding needs REVIEWER on the project and is refused to the
 * version's author whatever their roles (four eyes), here and in the database. Requests open when a
 * version is submitted ({@link io.capgate.portal.manifests.ManifestVersions#submit}).
 *
 * <p>Another organization's requests and versions are {@link io.capgate.portal.base.NotFoundException};
 * auditors read everything and change nothing ({@link org.springframework.security.access.AccessDeniedException}).
 * When another version of the service becomes active, open requests stay open and their
 * {@link ApprovalRequest#baseVersionId()} follows the new active version; a decided request keeps
 * the base it was decided against.
 */
public interface Approvals {

  /**
   * Open requests in the caller's organization on projects where they are REVIEWER, except those
   * for versions they wrote, oldest first.
   */
  List<ApprovalRequest> queue();

  ApprovalRequest get(long requestId);

  Optional<ApprovalRequest> forVersion(long versionId);

  List<ReviewerDecision> decisions(long requestId);

  List<ReviewComment> comments(long requestId);

  /**
   * Records an approval; the version is approved once distinct approvals reach the count copied
   * from the project when the request opened. Each reviewer decides once and a decided request takes
   * no more decisions ({@link io.capgate.portal.base.ConflictException}).
   *
   * @param comment optional, at most 4000 characters
   */
  ApprovalRequest approve(long requestId, String comment);

  /** Rejects the request and its version at once, whatever approvals came before. */
  ApprovalRequest reject(long requestId, String comment);

  /** Adds a comment (1 to 4000 characters) by anyone who reads the project, except auditors. */
  void comment(long requestId, String body);

  /**
   * Activates an approved version when its project asks for a separate step (owner or reviewer);
   * see {@link io.capgate.portal.manifests.ManifestLifecycle#activate}.
   */
  void activate(long versionId);
}
