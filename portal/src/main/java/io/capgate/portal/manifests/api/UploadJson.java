package io.capgate.portal.manifests.api;

import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.UploadResult;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to an upload.
 *
 * @param created false when the content was identical (same canonical hash) to the service's newest
 *     version: nothing was created and that version is described
 * @param reviewUrl the version's page in the portal, where reviewers approve or reject it
 * @param diff what the version changes relative to the service's active version
 */
@Schema(name = "UploadResult")
public record UploadJson(boolean created, long id, long serviceId, int version, ManifestState state, String hash,
    String reviewUrl, DiffJson diff) {

  static UploadJson of(UploadResult result, String reviewUrl) {
    var v = result.version().version();
    return new UploadJson(result.created(), v.id(), v.serviceId(), v.version(), v.state(), v.hash(), reviewUrl,
        DiffJson.of(result.diffAgainstActive()));
  }
}
