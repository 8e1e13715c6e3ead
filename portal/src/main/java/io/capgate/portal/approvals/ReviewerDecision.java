package io.capgate.portal.approvals;

import java.time.Instant;

/** One reviewer's decision on a request. */
public record ReviewerDecision(long reviewerId, String reviewerName, Decision decision, String comment, Instant at) {}
