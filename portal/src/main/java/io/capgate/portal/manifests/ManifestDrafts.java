package io.capgate.portal.manifests;

import io.capgate.portal.base.ConflictException;
import io.capgate.portal.security.Access;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Writing versions: drafts, their edits, submission and the one-step upload. Runs inside the
 * transactions of {@link ManifestVersionService}, which holds the security annotations.
 */
@Component
class ManifestDrafts {

  /** Longest reason for a change, as the database allows. */
  static final int MAX_REASON = 4000;

  private final ManifestRepository repository;
  private final ManifestReader reader;
  private final ManifestAudit audit;
  private final Access access;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ManifestDrafts(ManifestRepository repository, ManifestReader reader, ManifestAudit audit, Access access,
      ApplicationEventPublisher events, Clock clock) {
    this.repository = repository;
    this.reader = reader;
    this.audit = audit;
    this.access = access;
    this.events = events;
    this.clock = clock;
  }

  ManifestVersionDetails create(long serviceId, String yaml) {
    var service = reader.service(serviceId);
    reader.requireAuthor(service.projectId());
    var parsed = ManifestCodec.parse(yaml);
    repository.lockService(serviceId);
    return reader.details(insert(serviceId, yaml, parsed));
  }

  ManifestVersionDetails update(long versionId, String yaml) {
    var before = ownDraft(versionId);
    var parsed = ManifestCodec.parse(yaml);
    if (!repository.updateDraft(versionId, yaml, parsed)) {
      throw notADraft(reader.version(versionId));
    }
    var after = reader.version(versionId);
    audit.publish("manifest.draft_updated", before, after);
    return reader.details(after);
  }

  UploadResult submit(long versionId, String reason) {
    var draft = ownDraft(versionId);
    return submit(draft, checkReason(reason));
  }

  /**
   * Creates and submits in one step. Content identical to the service's newest version (same
   * canonical hash, whatever its state) returns that version with {@code created} false.
   */
  UploadResult upload(long serviceId, String yaml, String reason) {
    var service = reader.service(serviceId);
    reader.requireAuthor(service.projectId());
    var parsed = ManifestCodec.parse(yaml);
    String why = checkReason(reason);
    repository.lockService(serviceId);
    var newest = repository.newest(serviceId);
    if (newest.isPresent() && newest.get().hash().equals(ManifestCodec.displayHash(parsed.hash()))) {
      return new UploadResult(reader.details(newest.get()), reader.diffAgainstActive(newest.get()), false);
    }
    return submit(insert(serviceId, yaml, parsed), why);
  }

  private ManifestVersion insert(long serviceId, String yaml, ManifestCodec.Parsed parsed) {
    long id = repository.insertDraft(serviceId, yaml, parsed, access.currentUser().id(), clock.instant());
    var created = reader.version(id);
    audit.publish("manifest.draft_created", null, created);
    return created;
  }

  private UploadResult submit(ManifestVersion draft, String reason) {
    var base = repository.active(draft.serviceId());
    var at = clock.instant();
    if (!repository.transition(draft.id(), ManifestState.DRAFT, ManifestState.IN_REVIEW, at)) {
      throw notADraft(reader.version(draft.id()));
    }
    var submitted = reader.version(draft.id());
    audit.publish("manifest.submitted", draft, submitted);
    events.publishEvent(new ManifestSubmitted(submitted.id(), submitted.serviceId(), submitted.projectId(),
        access.currentUser().id(), reason, base.map(ManifestVersion::id).orElse(null), at));
    return new UploadResult(reader.details(submitted), reader.diffAgainstActive(submitted), true);
  }

  /** A draft the caller wrote and may still edit in a project where they may author. */
  private ManifestVersion ownDraft(long versionId) {
    var version = reader.version(versionId);
    reader.requireAuthor(version.projectId());
    if (version.authorId() != access.currentUser().id()) {
      throw new AccessDeniedException("Only the author of version " + version.version() + " of "
          + version.serviceName() + " changes or submits it; create your own draft instead");
    }
    if (version.state() != ManifestState.DRAFT) {
      throw notADraft(version);
    }
    return version;
  }

  private static ConflictException notADraft(ManifestVersion version) {
    return new ConflictException("Version " + version.version() + " of " + version.serviceName() + " is "
        + version.state() + " and can no longer change; create a new draft instead");
  }

  private static String checkReason(String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new IllegalArgumentException("Say why the change is needed: a reason is required");
    }
    if (why.length() > MAX_REASON) {
      throw new IllegalArgumentException("A reason may have at most " + MAX_REASON + " characters, not "
          + why.length());
    }
    return why;
  }
}
