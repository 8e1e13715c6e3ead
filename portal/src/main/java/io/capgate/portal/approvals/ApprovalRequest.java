package io.capgate.portal.approvals;

import java.time.Instant;

/**
 * An approval request for one manifest version, with how many approvals it has so far.
 *
 * @param baseVersionId what the version is compared with: while OPEN the service's version active now,
 *     once decided the one that was active at the decision; null when none was
 * @param requiredApprovals distinct approvals needed, copied from the project when the request opened
 * @param approvals distinct approvals so far
 */
public record ApprovalRequest(long id, long versionId, int version, long serviceId, String serviceName,
    long projectId, String projectName, long requestedBy, String requestedByName, String reason,
    Long baseVersionId, int requiredApprovals, int approvals, ApprovalStatus status, Instant createdAt,
    Instant decidedAt) {}
