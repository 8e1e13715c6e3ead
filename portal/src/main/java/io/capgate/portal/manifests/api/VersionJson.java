package io.capgate.portal.manifests.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersion;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A manifest version as the API shows it.
 *
 * @param hash {@code sha256:} and the hex SHA-256 of the canonical form, as the CLI prints it
 * @param reviewUrl the version's page in the portal, where reviewers decide
 * @param content the YAML as uploaded; only when one version is asked for
 */
@Schema(name = "ManifestVersion", description = "A version of a service's capability manifest")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionJson(long id, long serviceId, String serviceName, long projectId, int version,
    ManifestState state, String hash, int moduleCount, long authorId, String authorName, Instant createdAt,
    Instant submittedAt, Instant decidedAt, Instant activatedAt, Instant supersededAt, String reviewUrl,
    String content) {

  static VersionJson of(ManifestVersion v, String reviewUrl, String content) {
    return new VersionJson(v.id(), v.serviceId(), v.serviceName(), v.projectId(), v.version(), v.state(), v.hash(),
        v.moduleCount(), v.authorId(), v.authorName(), v.createdAt(), v.submittedAt(), v.decidedAt(),
        v.activatedAt(), v.supersededAt(), reviewUrl, content);
  }
}
