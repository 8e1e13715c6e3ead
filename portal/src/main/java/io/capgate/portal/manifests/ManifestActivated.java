package io.capgate.portal.manifests;

/**
 * A version became the service's ACTIVE one (superseding the previous active version, if any). Published inside
 * the activating transaction, so listeners that write (the agents feature bumps the assignments of the agents
 * supervising the service) commit with it; pushing to agents happens after the commit.
 *
 * @param previousVersionId the version it superseded, or null when none was active
 */
public record ManifestActivated(long versionId, long serviceId, long projectId, int version,
    Long previousVersionId) {}
