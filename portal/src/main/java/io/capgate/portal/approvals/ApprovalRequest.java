package io.capgate.portal.approvals;

import java.time.Instant;

/** An approval request for one manifest version, with how many approvals it has so far. */
public record ApprovalRequest(long id, long versionId, int version, long serviceId, String serviceName,
    long projectId, String projectName, long requestedBy, String requestedByName, String reason,
    Long baseVersionId, int requiredApprovals, int approvals, ApprovalStatus status, Instant createdAt,
    Instant decidedAt) {}
