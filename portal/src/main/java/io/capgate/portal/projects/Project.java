package io.capgate.portal.projects;

import java.time.Instant;

/**
 * A project of the caller's organization.
 *
 * @param requiredApprovals distinct reviewers (never the author) a manifest version needs
 * @param separateActivation whether an approved version waits for someone to activate it
 */
public record Project(long id, long organizationId, String name, String description, int requiredApprovals,
    boolean separateActivation, Instant createdAt) {}
