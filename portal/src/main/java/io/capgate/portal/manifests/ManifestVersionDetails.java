package io.capgate.portal.manifests;

import io.capgate.model.manifest.Manifest;

/**
 * A version with its content.
 *
 * @param content the YAML as its author wrote it
 * @param manifest the parsed, validated manifest
 */
public record ManifestVersionDetails(ManifestVersion version, String content, Manifest manifest) {}
