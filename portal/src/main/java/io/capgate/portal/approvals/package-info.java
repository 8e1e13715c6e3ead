/**
 * Approval requests for manifest versions: who asked and why, the diff against the active version,
 * comments and reviewers' decisions, with four eyes (an author never approves their own version)
 * and the project's required number of approvals. The review queue lives in {@code approvals.ui}.
 * A request opens when a version is submitted (the {@code ManifestSubmitted} event, in the same
 * transaction); decisions move the version on through {@code ManifestLifecycle}.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"base", "security", "audit", "projects", "services", "manifests"})
package io.capgate.portal.approvals;
