package io.capgate.portal.manifests.api;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import io.capgate.portal.base.api.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;

/** OpenAPI fragments the manifest controllers share. */
final class ApiDocs {

  static final String PROBLEM_JSON = "application/problem+json";

  private ApiDocs() {}

  /** The errors every operation of a service's manifests can answer with. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "400", description = "A malformed parameter or body",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ApiProblem.class)))
  @ApiResponse(responseCode = "401", description = "No API token, or one that is unknown, revoked or expired,"
      + " or whose user is disabled",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ApiProblem.class)))
  @ApiResponse(responseCode = "403", description = "The token's user lacks the role on the service's project",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ApiProblem.class)))
  @ApiResponse(responseCode = "404", description = "No such service or version for the token's user (other"
      + " organizations' services are never found)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ApiProblem.class)))
  @interface CommonErrors {}

  /**
   * The upload's description, on both of its handler methods (YAML and JSON bodies), which the
   * OpenAPI document merges into one operation.
   */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @Operation(summary = "Upload a manifest version for review",
      description = "Validates the manifest, stores it as the service's next version and opens an approval request"
          + " with the reason. Send the manifest file as the body (application/yaml or text/plain) with ?reason=,"
          + " or JSON {\"content\": \"...\", \"reason\": \"...\"}. Content identical to the newest version (same"
          + " canonical hash) creates nothing and answers 200 with created=false. Needs DEVELOPER or PROJECT_OWNER"
          + " on the service's project.")
  @ApiResponse(responseCode = "201", description = "Created and submitted for review; Location is the version",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = UploadJson.class)))
  @ApiResponse(responseCode = "200", description = "Identical to the newest version; nothing was created",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = UploadJson.class)))
  @ApiResponse(responseCode = "413", description = "The body is larger than 4 MiB (8 MiB as JSON)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ApiProblem.class)))
  @ApiResponse(responseCode = "422", description = "The manifest is not valid: errors lists each problem with its"
      + " line and column",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ApiProblem.class)))
  @interface UploadOperation {}
}
