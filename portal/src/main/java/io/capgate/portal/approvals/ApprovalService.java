package io.capgate.portal.approvals;

import io.capgate.portal.approvals.ApprovalRepository.Stored;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.manifests.FourEyes;
import io.capgate.portal.manifests.ManifestLifecycle;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Approvals} on PostgreSQL. Decisions on one request run one at a time (its row is locked),
 * each reviewer decides once, the author never decides (checked here, in {@link ManifestLifecycle}
 * and by a trigger), and the version follows the request: rejected at the first rejection, approved
 * (and active unless the project activates separately) once distinct approvals reach the count.
 */
@Service
class ApprovalService implements Approvals {

  /** Longest comment or decision note, as the database allows. */
  static final int MAX_TEXT = 4000;

  private final ApprovalRepository repository;
  private final ManifestLifecycle lifecycle;
  private final ApprovalAudit audit;
  private final Access access;
  private final Clock clock;

  ApprovalService(ApprovalRepository repository, ManifestLifecycle lifecycle, ApprovalAudit audit, Access access,
      Clock clock) {
    this.repository = repository;
    this.lifecycle = lifecycle;
    this.audit = audit;
    this.access = access;
    this.clock = clock;
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<ApprovalRequest> queue() {
    var user = access.currentUser();
    return repository.queue(user.organizationId(), user.id());
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public ApprovalRequest get(long requestId) {
    return readable(requestId).request();
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public Optional<ApprovalRequest> forVersion(long versionId) {
    if (!repository.projectOfVersion(versionId).map(access::canReadProject).orElse(false)) {
      throw new NotFoundException("Manifest version " + versionId);
    }
    return repository.findByVersion(versionId).map(Stored::request);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<ReviewerDecision> decisions(long requestId) {
    readable(requestId);
    return repository.decisions(requestId);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<ReviewComment> comments(long requestId) {
    readable(requestId);
    return repository.comments(requestId);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ApprovalRequest approve(long requestId, String comment) {
    return decide(requestId, Decision.APPROVE, comment);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ApprovalRequest reject(long requestId, String comment) {
    return decide(requestId, Decision.REJECT, comment);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public void comment(long requestId, String body) {
    var stored = readable(requestId);
    if (access.projectRoles(stored.request().projectId()).stream().allMatch(role -> role == Role.AUDITOR)) {
      throw new AccessDeniedException("Auditors read approval requests but change nothing, comments included");
    }
    String text = text(body, "A comment");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("A comment needs some text");
    }
    repository.comment(requestId, access.currentUser().id(), text, clock.instant());
    audit.commented(stored, text);
  }

  /** Delegates to {@link ManifestLifecycle#activate}, which checks the caller and the version's state. */
  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public void activate(long versionId) {
    lifecycle.activate(versionId);
  }

  private ApprovalRequest decide(long requestId, Decision decision, String comment) {
    var stored = readable(requestId);
    var request = stored.request();
    var reviewer = access.currentUser();
    access.requireProject(request.projectId(), Role.REVIEWER);
    FourEyes.requireNotAuthor(stored.authorId(), request.version(), request.serviceName(), reviewer);
    String note = text(comment, "A decision's comment");
    repository.lock(requestId);
    var before = readable(requestId);
    if (before.request().status() != ApprovalStatus.OPEN) {
      throw new ConflictException("The request for version " + request.version() + " of " + request.serviceName()
          + " is " + before.request().status() + " and takes no more decisions");
    }
    repository.decisionOf(requestId, reviewer.id()).ifPresent(earlier -> {
      throw alreadyDecided(request, earlier);
    });
    try {
      repository.decide(requestId, reviewer.id(), decision, note, clock.instant());
    } catch (DuplicateKeyException e) {
      throw alreadyDecided(request, decision);
    }
    var status = outcome(before.request(), decision);
    if (status != ApprovalStatus.OPEN) {
      repository.close(requestId, status, clock.instant());
    }
    audit.decided(decision, before, readable(requestId), note);
    switch (status) {
      case APPROVED -> lifecycle.approve(request.versionId());
      case REJECTED -> lifecycle.reject(request.versionId());
      default -> { /* still waiting for more approvals */ }
    }
    return readable(requestId).request();
  }

  /** What the request becomes with one more decision. */
  private static ApprovalStatus outcome(ApprovalRequest request, Decision decision) {
    if (decision == Decision.REJECT) {
      return ApprovalStatus.REJECTED;
    }
    return request.approvals() + 1 >= request.requiredApprovals() ? ApprovalStatus.APPROVED : ApprovalStatus.OPEN;
  }

  private Stored readable(long requestId) {
    var user = access.currentUser();
    return repository.find(requestId)
        .filter(s -> s.organizationId() == user.organizationId() && access.canReadProject(s.request().projectId()))
        .orElseThrow(() -> new NotFoundException("Approval request " + requestId));
  }

  private static ConflictException alreadyDecided(ApprovalRequest request, Decision earlier) {
    return new ConflictException("You already decided (" + earlier + ") on version " + request.version() + " of "
        + request.serviceName() + "; each reviewer decides once");
  }

  private static String text(String text, String what) {
    String stripped = text == null ? "" : text.strip();
    if (stripped.length() > MAX_TEXT) {
      throw new IllegalArgumentException(what + " may have at most " + MAX_TEXT + " characters, not "
          + stripped.length());
    }
    return stripped;
  }
}
