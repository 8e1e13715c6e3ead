package io.capgate.portal.manifests;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestDiff;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceRegistry;
import org.springframework.stereotype.Component;

/**
 * The access-checked reads that the manifest services share. A version or service the caller cannot
 * read (another organization's, or a project they have no role on) is not found, never forbidden.
 */
@Component
class ManifestReader {

  private final ManifestRepository repository;
  private final ServiceRegistry services;
  private final Access access;
  private final Cache<String, Manifest> parsed = Caffeine.newBuilder()
      .maximumWeight(200_000)
      .weigher((String hash, Manifest manifest) -> manifest.modules().size() + 1)
      .build();

  ManifestReader(ManifestRepository repository, ServiceRegistry services, Access access) {
    this.repository = repository;
    this.services = services;
    this.access = access;
  }

  /** The service, when the caller may read its project. */
  RegisteredService service(long serviceId) {
    return services.get(serviceId);
  }

  /** The version, when the caller may read its project. */
  ManifestVersion version(long versionId) {
    return repository.find(versionId).filter(v -> access.canReadProject(v.projectId()))
        .orElseThrow(() -> new NotFoundException("Manifest version " + versionId));
  }

  /** Passes when the caller may draft and submit versions in the project (auditors never may). */
  void requireAuthor(long projectId) {
    access.requireProject(projectId, Role.DEVELOPER, Role.PROJECT_OWNER);
  }

  ManifestVersionDetails details(ManifestVersion version) {
    var content = repository.content(version.id());
    var manifest = parsed.get(version.hash(), hash -> ManifestCodec.fromCanonical(content.canonicalJson(), version.id()));
    return new ManifestVersionDetails(version, content.yaml(), manifest);
  }

  /**
   * The parsed manifest of a version. Cached by hash: a hash names one canonical form forever (a draft
   * that changes gets a new hash), so a cached entry can never be stale; the weight bounds the memory
   * by modules, not by entries, since one manifest may have 5 modules and another 5,000.
   */
  Manifest manifest(ManifestVersion version) {
    return parsed.get(version.hash(),
        hash -> ManifestCodec.fromCanonical(repository.content(version.id()).canonicalJson(), version.id()));
  }

  /** Two readable versions of one service; versions of different services are not comparable. */
  VersionDiff diff(ManifestVersion from, ManifestVersion to) {
    if (from.serviceId() != to.serviceId()) {
      throw new IllegalArgumentException("Versions " + from.id() + " and " + to.id()
          + " belong to different services; only versions of one service can be compared");
    }
    return new VersionDiff(from, to, ManifestDiff.between(manifest(from), manifest(to)));
  }

  /**
   * The version against whatever is active now (not when it was submitted): an open request's diff
   * follows each activation. With no active version everything the version allows is new.
   */
  VersionDiff diffAgainstActive(ManifestVersion version) {
    var active = repository.active(version.serviceId());
    if (active.isPresent()) {
      return diff(active.get(), version);
    }
    Manifest manifest = manifest(version);
    return new VersionDiff(null, version, ManifestDiff.between(ManifestCodec.nothingLike(manifest), manifest));
  }
}
