/**
 * Versioned capability manifests per service: drafts, submission, the immutable versions that
 * follow (identified by the hash of their canonical form), their states, diffs between any two
 * versions and against the active one. Parsing, validation and diff are shared-model's, the same
 * code the CLI runs. The service page and manifest views live in {@code manifests.ui}.
 *
 * <p>Public: {@link io.capgate.portal.manifests.ManifestVersions} (reading, drafting, submitting),
 * {@link io.capgate.portal.manifests.ManifestLifecycle} (state changes after a decision, for approvals),
 * {@link io.capgate.portal.manifests.FourEyes} and the {@link io.capgate.portal.manifests.ManifestSubmitted}
 * event from which approvals opens a request. The services, repository and codec are package-private.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"base", "security", "audit", "projects", "services"})
package io.capgate.portal.manifests;
