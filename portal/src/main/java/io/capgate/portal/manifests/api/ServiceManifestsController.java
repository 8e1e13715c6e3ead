package io.capgate.portal.manifests.api;

import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.manifests.api.ApiDocs.CommonErrors;
import io.capgate.portal.manifests.api.ApiDocs.UploadOperation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A service's manifest versions as a collection: upload a new one, list them. */
@RestController
@RequestMapping("/api/v1/services/{serviceId}/manifests")
@Tag(name = "Manifests", description = "Capability manifest versions of a registered service")
@CommonErrors
class ServiceManifestsController {

  static final int MAX_LIMIT = 200;
  static final String REASON =
      "Why the change is needed, for the reviewers (required; a JSON body may carry it instead)";

  private final ManifestVersions versions;
  private final ApiLinks links;

  ServiceManifestsController(ManifestVersions versions, ApiLinks links) {
    this.versions = versions;
    this.links = links;
  }

  @UploadOperation
  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<UploadJson> uploadYaml(@PathVariable("serviceId") long serviceId,
      @Parameter(description = REASON) @RequestParam(name = "reason", required = false) String reason,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The manifest file",
          content = @Content(mediaType = "application/yaml", schema = @Schema(type = "string")))
      @RequestBody byte[] body) {
    return upload(serviceId, Yaml.decode(body), reason);
  }

  @UploadOperation
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<UploadJson> uploadJson(@PathVariable("serviceId") long serviceId,
      @Parameter(description = REASON) @RequestParam(name = "reason", required = false) String reason,
      @Valid @RequestBody UploadRequest request) {
    return upload(serviceId, request.content(), request.reason() != null ? request.reason() : reason);
  }

  @Operation(summary = "List a service's manifest versions, newest first",
      description = "Metadata only, without content; total counts every version of the service.")
  @ApiResponse(responseCode = "200", description = "One page of versions")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  VersionPage list(@PathVariable("serviceId") long serviceId,
      @Parameter(description = "Versions to skip") @RequestParam(name = "offset", defaultValue = "0") @Min(0) int offset,
      @Parameter(description = "Versions to return, at most " + MAX_LIMIT)
      @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(MAX_LIMIT) int limit) {
    int total = versions.countVersions(serviceId);
    var page = versions.history(serviceId, offset, limit).stream()
        .map(v -> VersionJson.of(v, links.reviewUrl(v), null))
        .toList();
    return new VersionPage(total, offset, limit, page);
  }

  private ResponseEntity<UploadJson> upload(long serviceId, String yaml, String reason) {
    var result = versions.upload(serviceId, yaml, reason);
    var version = result.version().version();
    var body = UploadJson.of(result, links.reviewUrl(version));
    return result.created() ? ResponseEntity.created(links.resource(version)).body(body)
        : ResponseEntity.ok().location(links.resource(version)).body(body);
  }
}
