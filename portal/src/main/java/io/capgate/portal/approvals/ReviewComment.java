package io.capgate.portal.approvals;

import java.time.Instant;

public record ReviewComment(long authorId, String authorName, String body, Instant at) {}
