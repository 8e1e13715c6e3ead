package io.capgate.portal.approvals;

import io.capgate.portal.manifests.ManifestSubmitted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens a version's approval request when it is submitted. The listener is synchronous, so it runs
 * in the submitting transaction: a submitted version always has its request, and a failure here
 * undoes the submission. The project's required approvals are copied, so a later policy change
 * does not move the goalposts of requests already open.
 */
@Component
class ApprovalRequestOpener {

  private final ApprovalRepository repository;

  ApprovalRequestOpener(ApprovalRepository repository) {
    this.repository = repository;
  }

  @EventListener
  void open(ManifestSubmitted submitted) {
    repository.open(submitted.versionId(), submitted.requestedBy(), submitted.reason(), submitted.baseVersionId(),
        submitted.projectId(), submitted.at());
  }
}
