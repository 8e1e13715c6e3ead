package io.capgate.portal.manifests.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/**
 * An upload as JSON, for clients that would rather not send raw YAML.
 *
 * @param content the manifest's YAML (or JSON) text
 * @param reason why the change is needed; may instead come as the {@code reason} query parameter
 */
@Schema(name = "UploadRequest")
public record UploadRequest(
    @NotBlank(message = "must hold the manifest text") @Schema(description = "The manifest's YAML text")
    String content,
    @Schema(description = "Why the change is needed, for the reviewers") String reason) {}
