package io.capgate.portal.manifests.api;

import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.manifests.api.ApiDocs.CommonErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The manifest a service's agents enforce: its active version. */
@RestController
@Tag(name = "Manifests")
@CommonErrors
class ActiveManifestController {

  private final ManifestVersions versions;
  private final ApiLinks links;

  ActiveManifestController(ManifestVersions versions, ApiLinks links) {
    this.versions = versions;
    this.links = links;
  }

  @Operation(summary = "Read the active manifest of a service",
      description = "JSON metadata with the content, or the manifest itself with Accept: application/yaml."
          + " 404 when no version is active yet.")
  @ApiResponse(responseCode = "200", description = "The active version", content = {
      @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = VersionJson.class)),
      @Content(mediaType = "application/yaml", schema = @Schema(type = "string"))})
  @GetMapping("/api/v1/services/{serviceId}/manifests/active")
  ResponseEntity<Object> active(@PathVariable("serviceId") long serviceId,
      @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    var details = versions.active(serviceId)
        .orElseThrow(() -> new NotFoundException("An active manifest of service " + serviceId));
    return Yaml.orJson(accept, details.content(),
        () -> VersionJson.of(details.version(), links.reviewUrl(details.version()), details.content()));
  }
}
