package io.capgate.portal.traces;

import java.time.Instant;

/** What one module of a service did with one syscall (and program, for exec) over a time range, summed. */
public record ObservationSummary(String module, String syscall, String program, long count, Instant firstSeen,
    Instant lastSeen) {}
