package io.capgate.portal.manifests.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of a service's versions, newest first.
 *
 * @param total how many versions the service has
 */
@Schema(name = "ManifestVersionPage")
public record VersionPage(int total, int offset, int limit, List<VersionJson> versions) {}
