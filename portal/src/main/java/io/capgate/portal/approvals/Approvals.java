package io.capgate.portal.approvals;

import java.util.List;
import java.util.Optional;

/**
 * The public API of approvals. Deciding needs REVIEWER on the project and is refused to the
 * version's author whatever their roles (four eyes), here and in the database.
 */
public interface Approvals {

  /** Open requests the caller may decide (not their own), oldest first. */
  List<ApprovalRequest> queue();

  ApprovalRequest get(long requestId);

  Optional<ApprovalRequest> forVersion(long versionId);

  List<ReviewerDecision> decisions(long requestId);

  List<ReviewComment> comments(long requestId);

  /** Records an approval; the version is approved once the project's required count is reached. */
  ApprovalRequest approve(long requestId, String comment);

  /** Rejects the request and its version. */
  ApprovalRequest reject(long requestId, String comment);

  void comment(long requestId, String body);

  /** Activates an approved version when its project asks for a separate step (owner or reviewer). */
  void activate(long versionId);
}
