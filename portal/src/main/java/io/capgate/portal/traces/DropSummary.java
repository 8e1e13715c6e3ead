package io.capgate.portal.traces;

import java.time.Instant;

/** What an agent reported it could not deliver for a service during a time range. */
public record DropSummary(String agentId, long sequence, Instant from, Instant to, long observationsDropped,
    long violationsDropped, long kernelEventsLost) {}
