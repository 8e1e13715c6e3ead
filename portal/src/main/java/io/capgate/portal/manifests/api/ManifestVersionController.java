package io.capgate.portal.manifests.api;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One manifest version of a service by its number, and its diff. */
@RestController
@RequestMapping("/api/v1/services/{serviceId}/manifests/{version}")
@Tag(name = "Manifests")
@CommonErrors
class ManifestVersionController {

  private final ManifestVersions versions;
  private final ApiLinks links;

  ManifestVersionController(ManifestVersions versions, ApiLinks links) {
    this.versions = versions;
    this.links = links;
  }

  @Operation(summary = "Read one manifest version",
      description = "JSON metadata with the content, or the manifest itself with Accept: application/yaml.")
  @ApiResponse(responseCode = "200", description = "The version", content = {
      @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = VersionJson.class)),
      @Content(mediaType = "application/yaml", schema = @Schema(type = "string"))})
  @GetMapping
  ResponseEntity<Object> get(@PathVariable("serviceId") long serviceId, @PathVariable("version") int version,
      @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    var details = versions.get(serviceId, version);
    return Yaml.orJson(accept, details.content(),
        () -> VersionJson.of(details.version(), links.reviewUrl(details.version()), details.content()));
  }

  @Operation(summary = "What a version changes relative to the active version or another version",
      description = "Per module: capability groups, syscalls and exec paths added (each flagged when risky) and"
          + " removed, and the same as text.")
  @ApiResponse(responseCode = "200", description = "The diff")
  @GetMapping(path = "/diff", produces = MediaType.APPLICATION_JSON_VALUE)
  DiffJson diff(@PathVariable("serviceId") long serviceId, @PathVariable("version") int version,
      @Parameter(description = "'active' (the default) or the number of the version to compare with")
      @RequestParam(name = "against", defaultValue = "active") String against) {
    var to = versions.get(serviceId, version).version();
    if (against.strip().equalsIgnoreCase("active")) {
      return DiffJson.of(versions.diffAgainstActive(to.id()));
    }
    var from = versions.get(serviceId, versionNumber(against)).version();
    return DiffJson.of(versions.diff(from.id(), to.id()));
  }

  private static int versionNumber(String against) {
    try {
      return Integer.parseInt(against.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("against is 'active' or a version number, not '" + against + "'");
    }
  }
}
