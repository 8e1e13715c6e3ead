package io.capgate.portal.base.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * How an API error looks on the wire, for the OpenAPI description only: Spring's
 * {@link org.springframework.http.ProblemDetail} as RFC 9457 serializes it, extension members at
 * the top level.
 *
 * @param errors for 400, each invalid {@code field} with its {@code message}; for 422, each manifest
 *     problem with {@code line}, {@code column} and {@code message}
 */
@Schema(name = "Problem", description = "An RFC 9457 problem detail (application/problem+json)")
public record ApiProblem(
    @Schema(description = "about:blank", example = "about:blank") String type,
    @Schema(example = "Invalid manifest") String title,
    @Schema(example = "422") int status,
    @Schema(description = "What was wrong, in a sentence",
        example = "Line 18, column 20: unknown capability group 'net.listne'") String detail,
    @Schema(description = "The request path", example = "/api/v1/services/42/manifests") String instance,
    @Schema(description = "Every problem, when there are several (400 and 422 only)")
    List<Map<String, Object>> errors) {}
