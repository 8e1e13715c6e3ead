package io.capgate.portal.manifests;

import io.capgate.model.manifest.ManifestProblem;
import io.capgate.portal.base.NotFoundException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link ManifestVersions} on PostgreSQL: reads here, writes in {@link ManifestDrafts}. Each method
 * resolves the service or version through {@link ManifestReader}, which reports another
 * organization's objects as not found.
 */
@Service
class ManifestVersionService implements ManifestVersions {

  /** Largest history page: the UI pages lazily, nobody reads 10k rows at once. */
  static final int MAX_PAGE = 1000;

  private final ManifestRepository repository;
  private final ManifestReader reader;
  private final ManifestDrafts drafts;

  ManifestVersionService(ManifestRepository repository, ManifestReader reader, ManifestDrafts drafts) {
    this.repository = repository;
    this.reader = reader;
    this.drafts = drafts;
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  public List<ManifestProblem> validate(String yaml) {
    return ManifestCodec.problems(yaml);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ManifestVersionDetails createDraft(long serviceId, String yaml) {
    return drafts.create(serviceId, yaml);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ManifestVersionDetails updateDraft(long versionId, String yaml) {
    return drafts.update(versionId, yaml);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public UploadResult submit(long versionId, String reason) {
    return drafts.submit(versionId, reason);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public UploadResult upload(long serviceId, String yaml, String reason) {
    return drafts.upload(serviceId, yaml, reason);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public ManifestVersionDetails get(long versionId) {
    return reader.details(reader.version(versionId));
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public ManifestVersionDetails get(long serviceId, int version) {
    reader.service(serviceId);
    return repository.find(serviceId, version).map(reader::details)
        .orElseThrow(() -> new NotFoundException("Version " + version + " of service " + serviceId));
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public Optional<ManifestVersionDetails> findByHash(long serviceId, String hash) {
    reader.service(serviceId);
    return repository.findByHash(serviceId, ManifestCodec.bareHash(hash)).map(reader::details);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public Optional<ManifestVersionDetails> active(long serviceId) {
    reader.service(serviceId);
    return repository.active(serviceId).map(reader::details);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<ManifestVersion> history(long serviceId, int offset, int limit) {
    if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("A history page needs offset >= 0 and 0 <= limit <= " + MAX_PAGE
          + ", not offset " + offset + " and limit " + limit);
    }
    reader.service(serviceId);
    return limit == 0 ? List.of() : repository.history(serviceId, offset, limit);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public int countVersions(long serviceId) {
    reader.service(serviceId);
    return repository.count(serviceId);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public VersionDiff diff(long fromVersionId, long toVersionId) {
    return reader.diff(reader.version(fromVersionId), reader.version(toVersionId));
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public VersionDiff diffAgainstActive(long versionId) {
    return reader.diffAgainstActive(reader.version(versionId));
  }
}
