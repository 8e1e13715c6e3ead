package io.capgate.portal.agents;

import java.time.Instant;

/**
 * An enrollment token as listed: never its secret, which exists only in {@link CreatedEnrollmentToken}.
 *
 * @param createdBy username of who created it
 * @param usedByAgent the agent it enrolled, or null
 * @param status derived from the timestamps at the time it was read
 */
public record EnrollmentToken(long id, long organizationId, long projectId, String description, String createdBy,
    Instant createdAt, Instant expiresAt, Instant usedAt, String usedByAgent, Instant revokedAt,
    TokenStatus status) {}
