package io.capgate.portal.violations;

import java.time.Instant;

/**
 * A violation was stored; published after its transaction committed (for live views).
 *
 * @param agentId  the reporting agent
 * @param sequence the agent's sequence number of the violation, unique per agent
 */
public record ViolationReceived(long organizationId, long serviceId, String agentId, long sequence, Instant at,
    String module, String syscall, String action) {}
