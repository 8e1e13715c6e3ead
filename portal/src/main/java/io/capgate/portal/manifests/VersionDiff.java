package io.capgate.portal.manifests;

import io.capgate.model.manifest.ManifestDiff;

/**
 * What changes from one version to another.
 *
 * @param from the older side, or null when the service has no active version (everything is new)
 * @param to the newer side
 */
public record VersionDiff(ManifestVersion from, ManifestVersion to, ManifestDiff diff) {}
