package io.capgate.portal.manifests;

import java.time.Instant;

/**
 * A version went from DRAFT to IN_REVIEW. Published inside the submitting transaction; the approvals
 * feature opens the version's approval request from it, so submission and request commit together.
 *
 * @param requestedBy the user who submitted (the author)
 * @param reason why the change is needed, 1 to 4000 characters
 * @param baseVersionId the version active at submission, or null when none was
 */
public record ManifestSubmitted(long versionId, long serviceId, long projectId, long requestedBy, String reason,
    Long baseVersionId, Instant at) {}
