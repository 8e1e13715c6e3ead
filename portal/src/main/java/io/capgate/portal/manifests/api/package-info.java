/**
 * The REST API of manifest versions under {@code /api/v1/services/{serviceId}/manifests}: upload a
 * version for review, read the active one, list and diff versions. Controllers are thin: every
 * check and rule is {@link io.capgate.portal.manifests.ManifestVersions}'s, so the API and the UI
 * behave alike. The JSON shapes are the records here; errors are problem details (see
 * {@code base.api}), invalid manifests with each problem's line and column.
 */
package io.capgate.portal.manifests.api;
