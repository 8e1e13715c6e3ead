package io.capgate.portal.manifests;

/**
 * The outcome of uploading a version for review.
 *
 * @param created false when the content was identical (same hash) to the newest version, which is returned
 * @param diffAgainstActive what the version changes relative to the active one
 */
public record UploadResult(ManifestVersionDetails version, VersionDiff diffAgainstActive, boolean created) {}
