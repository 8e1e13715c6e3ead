package io.capgate.portal.manifests;

import java.time.Instant;

/**
 * One version of a service's manifest, without its content (history rows, queues).
 *
 * @param hash {@code sha256:} and the 64 hex digits of the canonical form, as {@code ManifestHash} and the CLI show it
 * @param authorName the author's display name
 */
public record ManifestVersion(long id, long serviceId, String serviceName, long projectId, int version,
    ManifestState state, String hash, int moduleCount, long authorId, String authorName, Instant createdAt,
    Instant submittedAt, Instant decidedAt, Instant activatedAt, Instant supersededAt) {

  /** Path of the version's page in the UI, relative to the portal root. */
  public String pagePath() {
    return "services/" + serviceId + "/versions/" + version;
  }
}
