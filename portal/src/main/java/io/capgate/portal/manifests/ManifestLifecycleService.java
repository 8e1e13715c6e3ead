package io.capgate.portal.manifests;

import io.capgate.portal.base.ConflictException;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link ManifestLifecycle} on PostgreSQL. Each change re-checks the caller (a reviewer who did not
 * write the version; for activation an owner or reviewer) and the database re-checks the request: a
 * version becomes APPROVED or REJECTED only when its approval request already is (see migration V2).
 */
@Service
class ManifestLifecycleService implements ManifestLifecycle {

  private final ManifestRepository repository;
  private final ManifestReader reader;
  private final ManifestAudit audit;
  private final Access access;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  ManifestLifecycleService(ManifestRepository repository, ManifestReader reader, ManifestAudit audit,
      Access access, Clock clock, ApplicationEventPublisher events) {
    this.repository = repository;
    this.reader = reader;
    this.audit = audit;
    this.access = access;
    this.clock = clock;
    this.events = events;
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ManifestVersion approve(long versionId) {
    var version = decidable(versionId);
    var approved = move(version, ManifestState.APPROVED, "manifest.approved");
    if (repository.separateActivation(version.projectId())) {
      return approved;
    }
    return activateApproved(approved);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ManifestVersion reject(long versionId) {
    return move(decidable(versionId), ManifestState.REJECTED, "manifest.rejected");
  }

  /**
   * {@inheritDoc}
   *
   * <p>Open requests of the service's other versions stay open; their diffs are computed against
   * the new active version when next read. A version older than the active one is not activated:
   * active version numbers only go up, and a stale approval stays APPROVED.
   */
  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ManifestVersion activate(long versionId) {
    var version = reader.version(versionId);
    access.requireProject(version.projectId(), Role.PROJECT_OWNER, Role.REVIEWER);
    requireState(version, ManifestState.APPROVED);
    return activateApproved(version);
  }

  /** An IN_REVIEW version the caller may decide: a reviewer of its project who did not write it. */
  private ManifestVersion decidable(long versionId) {
    var version = reader.version(versionId);
    access.requireProject(version.projectId(), Role.REVIEWER);
    FourEyes.requireNotAuthor(version, access.currentUser());
    requireState(version, ManifestState.IN_REVIEW);
    return version;
  }

  /** Supersedes the active version, if any, then activates this one, in that order for the unique index. */
  private ManifestVersion activateApproved(ManifestVersion version) {
    repository.lockService(version.serviceId());
    var current = repository.active(version.serviceId());
    if (current.isPresent()) {
      if (current.get().version() > version.version()) {
        throw new ConflictException("Version " + current.get().version() + " of " + version.serviceName()
            + " is active and newer than version " + version.version() + "; submit a new version instead");
      }
      move(current.get(), ManifestState.SUPERSEDED, "manifest.superseded");
    }
    var activated = move(reader.version(version.id()), ManifestState.ACTIVE, "manifest.activated");
    events.publishEvent(new ManifestActivated(activated.id(), activated.serviceId(), activated.projectId(),
        activated.version(), current.map(ManifestVersion::id).orElse(null)));
    return activated;
  }

  private ManifestVersion move(ManifestVersion before, ManifestState to, String action) {
    boolean moved;
    try {
      moved = repository.transition(before.id(), before.state(), to, clock.instant());
    } catch (DataIntegrityViolationException e) {
      // The database refuses a decision its request does not carry: decide through Approvals.
      throw new ConflictException("Version " + before.version() + " of " + before.serviceName() + " cannot become "
          + to + ": " + rootMessage(e));
    }
    if (!moved) {
      throw new ConflictException("Version " + before.version() + " of " + before.serviceName()
          + " changed meanwhile; reload it");
    }
    var after = reader.version(before.id());
    audit.publish(action, before, after);
    return after;
  }

  private static void requireState(ManifestVersion version, ManifestState expected) {
    if (version.state() != expected) {
      throw new ConflictException("Version " + version.version() + " of " + version.serviceName() + " is "
          + version.state() + ", not " + expected);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? e.toString() : root.getMessage();
    // PostgreSQL adds a "Where: PL/pgSQL function ..." line that means nothing to a person.
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).replaceFirst("^ERROR: ", "");
  }
}
