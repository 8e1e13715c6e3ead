package io.capgate.portal.manifests;

import io.capgate.model.manifest.ManifestProblem;
import java.util.List;
import java.util.Optional;

/**
 * The public API of manifest versions. Every method checks the caller's organization and roles:
 * reading needs any role on the service's project; drafting, submitting and uploading need
 * DEVELOPER or PROJECT_OWNER; state changes that follow a decision are made by the approvals
 * feature through {@link ManifestLifecycle}, never by views or the API directly.
 *
 * <p>A service or version the caller cannot read, including every object of another organization,
 * is a {@link io.capgate.portal.base.NotFoundException}; a missing role on a readable project is an
 * {@link org.springframework.security.access.AccessDeniedException}. Invalid content is a
 * {@link ManifestValidationException} with every problem's line and column.
 *
 * <p>Versions are numbered per service (1, 2, ...) in the order they are created; concurrent creates
 * for one service are serialized on the service's row. A version is identified by the hash of its
 * canonical form, so formatting, comments and key order do not change it. Once submitted its content
 * never changes (the database refuses it).
 */
public interface ManifestVersions {

  /** Parses and validates without saving: what the editor shows as you type (authenticated callers). */
  List<ManifestProblem> validate(String yaml);

  /** A new DRAFT version with the next number, written by the caller. */
  ManifestVersionDetails createDraft(long serviceId, String yaml);

  /**
   * Replaces a DRAFT's content; only its author may, and any other state is immutable
   * ({@link io.capgate.portal.base.ConflictException}).
   */
  ManifestVersionDetails updateDraft(long versionId, String yaml);

  /**
   * DRAFT → IN_REVIEW by the draft's author, opening an approval request with the reason (1 to 4000
   * characters; {@link IllegalArgumentException} otherwise) against the version active now. The
   * result's {@code created} is true.
   */
  UploadResult submit(long versionId, String reason);

  /**
   * Creates a version and submits it in one step (the API's upload). Content with the same hash as
   * the service's newest version, whatever that version's state, creates nothing: that version is
   * returned with {@code created} false and no request is opened.
   */
  UploadResult upload(long serviceId, String yaml, String reason);

  ManifestVersionDetails get(long versionId);

  /** A version by service and number (the UI's URLs). */
  ManifestVersionDetails get(long serviceId, int version);

  /**
   * The newest version of the service with that hash ({@code sha256:} and 64 hex digits, the prefix
   * optional). Empty when the service has none, also when another organization's manifest has it.
   */
  Optional<ManifestVersionDetails> findByHash(long serviceId, String hash);

  Optional<ManifestVersionDetails> active(long serviceId);

  /** Newest first, without content; {@code limit} is at most 1000. */
  List<ManifestVersion> history(long serviceId, int offset, int limit);

  int countVersions(long serviceId);

  /**
   * What changes from one version to another; both must be readable and of the same service
   * ({@link IllegalArgumentException} otherwise).
   */
  VersionDiff diff(long fromVersionId, long toVersionId);

  /**
   * The version against the service's version that is active now (everything added when none is).
   * An open request's diff therefore follows each activation of another version.
   */
  VersionDiff diffAgainstActive(long versionId);
}
